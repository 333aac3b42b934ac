package io.taskstream.scanner.webhook;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a webhook instance needs, read once from its deployment config. Each secret may instead come from the
 * environment ({@code TASKSTREAM_GITHUB_SECRET}, {@code TASKSTREAM_GITEA_SECRET}, {@code TASKSTREAM_GITLAB_TOKEN});
 * the config wins when both are set. A provider without a secret is not served.
 *
 * @param host         the address to listen on; loopback by default, put a TLS-terminating proxy in front
 * @param port         0 picks a free port ({@link WebhookVerticle#actualPort()} tells which)
 * @param maxBodyBytes larger deliveries are refused with 413 (GitHub caps payloads at 25 MB; pushes of a task repo
 *                     are far below the 1 MiB default)
 * @param repositories the accepted repositories, each a full name ({@code owner/name}) or a clone or web URL;
 *                     compared ignoring case, a trailing {@code /} and a trailing {@code .git}
 * @param branch       the branch whose pushes start a scan
 * @param idleTimeout  a connection on which nothing is sent or received for this long is closed
 *                     ({@code idleTimeoutMillis}, default 10 s)
 * @param bodyDeadline a request must be read whole (line, headers and body) within this time of the connection
 *                     opening or of the previous answer on it, else it is answered 408 (when it was read far
 *                     enough to answer) and the connection closed ({@code bodyDeadlineMillis}, default 10 s: what
 *                     GitHub waits for an answer)
 */
public record WebhookConfig(String bootstrapServers, String topicPrefix, String instance, String host, int port,
                            long maxBodyBytes, List<String> repositories, String branch,
                            String githubSecret, String giteaSecret, String gitlabToken,
                            Duration idleTimeout, Duration bodyDeadline) {
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BODY_DEADLINE = Duration.ofSeconds(10);

    public WebhookConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535: " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 1: " + maxBodyBytes);
        }
        repositories = List.copyOf(repositories);
        if (repositories.isEmpty() || repositories.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("repositories must name at least one repository (owner/name or URL)");
        }
        if (githubSecret == null && giteaSecret == null && gitlabToken == null) {
            throw new IllegalArgumentException("no provider configured: set githubSecret, giteaSecret or gitlabToken"
                    + " (or TASKSTREAM_GITHUB_SECRET, TASKSTREAM_GITEA_SECRET, TASKSTREAM_GITLAB_TOKEN)");
        }
        if (idleTimeout == null || idleTimeout.toMillis() < 1 || bodyDeadline == null || bodyDeadline.toMillis() < 1) {
            throw new IllegalArgumentException("idleTimeoutMillis and bodyDeadlineMillis must be >= 1");
        }
    }

    /** A config with the default idle timeout and body deadline. */
    public WebhookConfig(String bootstrapServers, String topicPrefix, String instance, String host, int port,
                         long maxBodyBytes, List<String> repositories, String branch,
                         String githubSecret, String giteaSecret, String gitlabToken) {
        this(bootstrapServers, topicPrefix, instance, host, port, maxBodyBytes, repositories, branch, githubSecret,
                giteaSecret, gitlabToken, DEFAULT_IDLE_TIMEOUT, DEFAULT_BODY_DEADLINE);
    }

    /**
     * Reads the config.
     *
     * @param env the environment to take absent secrets from (normally {@code System.getenv()})
     * @throws IllegalArgumentException when a value is missing, of the wrong type or out of range
     */
    public static WebhookConfig from(JsonObject c, Map<String, String> env) {
        try {
            JsonArray repos = c.getJsonArray("repositories", new JsonArray());
            return new WebhookConfig(
                    c.getString("bootstrapServers"),
                    c.getString("topicPrefix", "taskstream"),
                    c.getString("instance", "webhook-1"),
                    c.getString("host", "127.0.0.1"),
                    c.getInteger("port", 0),
                    c.getLong("maxBodyBytes", DEFAULT_MAX_BODY_BYTES),
                    repos.stream().map(r -> (String) r).toList(),
                    c.getString("branch", "main"),
                    secret(c, env, "githubSecret", "TASKSTREAM_GITHUB_SECRET"),
                    secret(c, env, "giteaSecret", "TASKSTREAM_GITEA_SECRET"),
                    secret(c, env, "gitlabToken", "TASKSTREAM_GITLAB_TOKEN"),
                    Duration.ofMillis(c.getLong("idleTimeoutMillis", DEFAULT_IDLE_TIMEOUT.toMillis())),
                    Duration.ofMillis(c.getLong("bodyDeadlineMillis", DEFAULT_BODY_DEADLINE.toMillis())));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("webhook config has a value of the wrong type: " + e.getMessage(), e);
        }
    }

    /** The secret (or token) of a provider; empty when that provider is not served. */
    public Optional<String> secret(Provider provider) {
        return Optional.ofNullable(switch (provider) {
            case GITHUB -> githubSecret;
            case GITEA -> giteaSecret;
            case GITLAB -> gitlabToken;
        });
    }

    /** Whether any of the identifiers a push carries names a configured repository. */
    public boolean acceptsRepository(Collection<String> repositoryIds) {
        Set<String> accepted = repositories.stream().map(WebhookConfig::normalize).collect(Collectors.toSet());
        return repositoryIds.stream().map(WebhookConfig::normalize).anyMatch(accepted::contains);
    }

    static String normalize(String repositoryId) {
        String id = repositoryId.trim().toLowerCase(Locale.ROOT);
        while (id.endsWith("/")) {
            id = id.substring(0, id.length() - 1);
        }
        return id.endsWith(".git") ? id.substring(0, id.length() - ".git".length()) : id;
    }

    /** Never shows the secrets, only whether they are set. */
    @Override
    public String toString() {
        return "WebhookConfig[bootstrapServers=" + bootstrapServers + ", topicPrefix=" + topicPrefix
                + ", instance=" + instance + ", host=" + host + ", port=" + port + ", maxBodyBytes=" + maxBodyBytes
                + ", repositories=" + repositories + ", branch=" + branch + ", githubSecret=" + shown(githubSecret)
                + ", giteaSecret=" + shown(giteaSecret) + ", gitlabToken=" + shown(gitlabToken)
                + ", idleTimeout=" + idleTimeout + ", bodyDeadline=" + bodyDeadline + "]";
    }

    private static String shown(String secret) {
        return secret == null ? "unset" : "***";
    }

    private static String secret(JsonObject c, Map<String, String> env, String key, String envKey) {
        String value = c.getString(key);
        if (value == null || value.isBlank()) {
            value = env.get(envKey);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
