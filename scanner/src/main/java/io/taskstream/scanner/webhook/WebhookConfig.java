package io.taskstream.scanner.webhook;

import io.taskstream.runtime.config.ConfigCheck;
import io.taskstream.runtime.kafka.KafkaClientConfig;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.taskstream.runtime.config.ConfigCheck.invalid;
import static io.taskstream.runtime.config.ConfigCheck.millis;
import static io.taskstream.runtime.config.ConfigCheck.present;
import static io.taskstream.runtime.config.ConfigCheck.text;

/**
 * What a webhook instance needs; checked when built, so that a bad value stops the deployment before it starts.
 * A provider without a secret is not served. The secrets never appear in {@link #toString()} or a message.
 *
 * @param kafka        the cluster and topics the scan requests are published to
 * @param instance     names this instance (client id, event source)
 * @param host         the address to listen on; loopback by default, put a TLS-terminating proxy in front
 * @param port         0 picks a free port ({@link WebhookVerticle#actualPort()} tells which)
 * @param maxBodyBytes larger deliveries are refused with 413 (GitHub caps payloads at 25 MB; pushes of a task repo
 *                     are far below the 1 MiB default)
 * @param repositories the accepted repositories, each a full name ({@code owner/name}) or a clone or web URL;
 *                     compared ignoring case, a trailing {@code /} and a trailing {@code .git}
 * @param branch       the branch whose pushes start a scan
 * @param secrets      the providers' secrets (see {@link Secrets#from})
 * @param idleTimeout  a connection on which nothing is sent or received for this long is closed (default 10 s)
 * @param bodyDeadline a request must be read whole (line, headers and body) within this time of the connection
 *                     opening or of the previous answer on it, else it is answered 408 (when it was read far
 *                     enough to answer) and the connection closed (default 10 s: what GitHub waits for an answer)
 */
public record WebhookConfig(KafkaClientConfig kafka, String instance, String host, int port, long maxBodyBytes,
                            List<String> repositories, String branch, Secrets secrets, Duration idleTimeout,
                            Duration bodyDeadline) {
    public static final String DEFAULT_INSTANCE = "webhook-1";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_BRANCH = "main";
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BODY_DEADLINE = Duration.ofSeconds(10);

    public WebhookConfig {
        present("webhook.kafka", kafka, "the cluster and topics");
        text("webhook.instance", instance, "a name for this instance");
        text("webhook.host", host, "the address to listen on");
        ConfigCheck.port("webhook.port", port);
        if (maxBodyBytes < 1) {
            throw invalid("webhook.maxBodyBytes", maxBodyBytes, "an integer ≥ 1");
        }
        if (repositories == null || repositories.isEmpty()
                || repositories.stream().anyMatch(r -> r == null || r.isBlank())) {
            throw invalid("webhook.repositories", repositories, "at least one repository (owner/name or URL),"
                    + " none blank");
        }
        repositories = List.copyOf(repositories);
        text("webhook.branch", branch, "a branch name");
        if (secrets == null || secrets.none()) {
            throw invalid("webhook.secrets", secrets, "githubSecret, giteaSecret or gitlabToken (or"
                    + " TASKSTREAM_GITHUB_SECRET, TASKSTREAM_GITEA_SECRET, TASKSTREAM_GITLAB_TOKEN)");
        }
        millis("webhook.idleTimeout", idleTimeout);
        millis("webhook.bodyDeadline", bodyDeadline);
    }

    /**
     * The defaults: instance {@code webhook-1} on {@code 127.0.0.1}, any free port, 1 MiB bodies, branch
     * {@code main}, 10 s idle timeout and body deadline.
     */
    public static WebhookConfig defaults(KafkaClientConfig kafka, List<String> repositories, Secrets secrets) {
        return new WebhookConfig(kafka, DEFAULT_INSTANCE, DEFAULT_HOST, 0, DEFAULT_MAX_BODY_BYTES, repositories,
                DEFAULT_BRANCH, secrets, DEFAULT_IDLE_TIMEOUT, DEFAULT_BODY_DEADLINE);
    }

    public WebhookConfig withInstance(String instance) {
        return new WebhookConfig(kafka, instance, host, port, maxBodyBytes, repositories, branch, secrets,
                idleTimeout, bodyDeadline);
    }

    /** This endpoint listening on {@code host:port} (port 0: any free port). */
    public WebhookConfig withAddress(String host, int port) {
        return new WebhookConfig(kafka, instance, host, port, maxBodyBytes, repositories, branch, secrets,
                idleTimeout, bodyDeadline);
    }

    public WebhookConfig withMaxBodyBytes(long maxBodyBytes) {
        return new WebhookConfig(kafka, instance, host, port, maxBodyBytes, repositories, branch, secrets,
                idleTimeout, bodyDeadline);
    }

    /** This endpoint accepting pushes of {@code repositories} to {@code branch}. */
    public WebhookConfig withPushesOf(List<String> repositories, String branch) {
        return new WebhookConfig(kafka, instance, host, port, maxBodyBytes, repositories, branch, secrets,
                idleTimeout, bodyDeadline);
    }

    public WebhookConfig withSecrets(Secrets secrets) {
        return new WebhookConfig(kafka, instance, host, port, maxBodyBytes, repositories, branch, secrets,
                idleTimeout, bodyDeadline);
    }

    public WebhookConfig withDeadlines(Duration idleTimeout, Duration bodyDeadline) {
        return new WebhookConfig(kafka, instance, host, port, maxBodyBytes, repositories, branch, secrets,
                idleTimeout, bodyDeadline);
    }

    /** The secret (or token) of a provider; empty when that provider is not served. */
    public Optional<String> secret(Provider provider) {
        return secrets.of(provider);
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

    /**
     * The providers' secrets; null or blank: that provider is not served. {@link #toString()} shows only which
     * are set.
     */
    public record Secrets(String github, String gitea, String gitlab) {
        /** The keys of {@link #from}'s {@code configured} map. */
        public static final List<String> KEYS = List.of("githubSecret", "giteaSecret", "gitlabToken");
        private static final List<String> ENV = List.of("TASKSTREAM_GITHUB_SECRET", "TASKSTREAM_GITEA_SECRET",
                "TASKSTREAM_GITLAB_TOKEN");

        public Secrets {
            github = blankIsNull(github);
            gitea = blankIsNull(gitea);
            gitlab = blankIsNull(gitlab);
        }

        /**
         * Each secret from {@code configured} ({@code githubSecret}, {@code giteaSecret}, {@code gitlabToken}),
         * else from {@code env} ({@code TASKSTREAM_GITHUB_SECRET}, {@code TASKSTREAM_GITEA_SECRET},
         * {@code TASKSTREAM_GITLAB_TOKEN}); the configured one wins when both are set.
         */
        public static Secrets from(Map<String, String> configured, Map<String, String> env) {
            configured.keySet().stream().filter(k -> !KEYS.contains(k)).findFirst().ifPresent(k -> {
                throw ConfigCheck.invalidSecret("webhook.secrets." + k, "one of " + String.join(", ", KEYS));
            });
            String[] values = new String[KEYS.size()];
            for (int i = 0; i < values.length; i++) {
                String value = blankIsNull(configured.get(KEYS.get(i)));
                values[i] = value != null ? value : env.get(ENV.get(i));
            }
            return new Secrets(values[0], values[1], values[2]);
        }

        /** The secret (or token) of {@code provider}; empty when that provider is not served. */
        public Optional<String> of(Provider provider) {
            return Optional.ofNullable(switch (provider) {
                case GITHUB -> github;
                case GITEA -> gitea;
                case GITLAB -> gitlab;
            });
        }

        /** Whether no provider has a secret. */
        public boolean none() {
            return github == null && gitea == null && gitlab == null;
        }

        @Override
        public String toString() {
            return "Secrets[githubSecret=" + shown(github) + ", giteaSecret=" + shown(gitea) + ", gitlabToken="
                    + shown(gitlab) + "]";
        }

        private static String shown(String secret) {
            return secret == null ? "unset" : "***";
        }

        private static String blankIsNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }
}
