package io.taskstream.scanner.webhook;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.Optional;

/**
 * A git host that sends push webhooks: where it posts, how it proves a delivery is its own, and where its headers
 * and payload keep the event, the delivery id and the pushed repository and ref. Header names are matched
 * case-insensitively (Vert.x {@link MultiMap}).
 */
public enum Provider {
    /** GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>}. */
    GITHUB("github") {
        @Override
        Optional<String> authenticate(MultiMap headers, byte[] body, String secret) {
            String header = "X-Hub-Signature-256";
            String signature = headers.get(header);
            if (signature == null) {
                return Optional.of("missing " + header + " header");
            }
            if (!signature.startsWith("sha256=")) {
                return Optional.of(header + " is not of the form sha256=<hex>");
            }
            return hmac(header, signature.substring("sha256=".length()), body, secret);
        }

        @Override
        String event(MultiMap headers) {
            return headers.get("X-GitHub-Event");
        }

        @Override
        String delivery(MultiMap headers) {
            return headers.get("X-GitHub-Delivery");
        }

        @Override
        Kind kind(String event) {
            return "push".equals(event) ? Kind.PUSH : "ping".equals(event) ? Kind.PING : Kind.OTHER;
        }

        @Override
        PushInfo push(JsonObject payload) {
            JsonObject repo = payload.getJsonObject("repository", new JsonObject());
            return pushOf(payload, payload.getBoolean("deleted", false), repo.getString("full_name"),
                    repo.getString("clone_url"), repo.getString("ssh_url"), repo.getString("html_url"));
        }
    },
    /** Gitea and Forgejo (which sends both its own and Gitea's headers): a bare hex HMAC-SHA256 of the body. */
    GITEA("gitea") {
        @Override
        Optional<String> authenticate(MultiMap headers, byte[] body, String secret) {
            String header = headers.contains("X-Forgejo-Signature") ? "X-Forgejo-Signature" : "X-Gitea-Signature";
            String signature = headers.get(header);
            if (signature == null) {
                return Optional.of("missing X-Gitea-Signature (or X-Forgejo-Signature) header");
            }
            return hmac(header, signature, body, secret);
        }

        @Override
        String event(MultiMap headers) {
            return first(headers, "X-Forgejo-Event", "X-Gitea-Event");
        }

        @Override
        String delivery(MultiMap headers) {
            return first(headers, "X-Forgejo-Delivery", "X-Gitea-Delivery");
        }

        @Override
        Kind kind(String event) {
            return "push".equals(event) ? Kind.PUSH : Kind.OTHER;
        }

        @Override
        PushInfo push(JsonObject payload) {
            JsonObject repo = payload.getJsonObject("repository", new JsonObject());
            return pushOf(payload, false, repo.getString("full_name"), repo.getString("clone_url"),
                    repo.getString("ssh_url"), repo.getString("html_url"));
        }
    },
    /** GitLab: {@code X-Gitlab-Token} carries the configured secret token as is. */
    GITLAB("gitlab") {
        @Override
        Optional<String> authenticate(MultiMap headers, byte[] body, String secret) {
            String token = headers.get("X-Gitlab-Token");
            if (token == null) {
                return Optional.of("missing X-Gitlab-Token header");
            }
            return Signatures.tokenMatches(token, secret) ? Optional.empty()
                    : Optional.of("X-Gitlab-Token does not match the configured token");
        }

        @Override
        String event(MultiMap headers) {
            return headers.get("X-Gitlab-Event");
        }

        @Override
        String delivery(MultiMap headers) {
            return first(headers, "X-Gitlab-Event-UUID", "Idempotency-Key");
        }

        @Override
        Kind kind(String event) {
            return "Push Hook".equals(event) ? Kind.PUSH : Kind.OTHER;
        }

        @Override
        PushInfo push(JsonObject payload) {
            JsonObject project = payload.getJsonObject("project", new JsonObject());
            JsonObject repo = payload.getJsonObject("repository", new JsonObject());
            return pushOf(payload, false, project.getString("path_with_namespace"),
                    project.getString("git_http_url"), project.getString("git_ssh_url"), project.getString("web_url"),
                    repo.getString("git_http_url"), repo.getString("git_ssh_url"), repo.getString("homepage"));
        }
    };

    /** What an event is to the webhook. */
    enum Kind { PUSH, PING, OTHER }

    private final String id;

    Provider(String id) {
        this.id = id;
    }

    /** The short name: {@code github}, {@code gitea}, {@code gitlab}. */
    public String id() {
        return id;
    }

    /** The endpoint the host posts to. */
    public String path() {
        return "/hooks/" + id;
    }

    /** The {@code trigger} of the scan.requested a push starts. */
    public String trigger() {
        return "webhook:" + id;
    }

    static Optional<Provider> forPath(String path) {
        return Arrays.stream(values()).filter(p -> p.path().equals(path)).findFirst();
    }

    /** Empty when the delivery proves it comes from the host; otherwise why not. Looks at the raw bytes only. */
    abstract Optional<String> authenticate(MultiMap headers, byte[] body, String secret);

    /** The event type as the host names it; null when the header is missing. */
    abstract String event(MultiMap headers);

    /** The host's id of this delivery, the same on a redelivery; null when the header is missing. */
    abstract String delivery(MultiMap headers);

    abstract Kind kind(String event);

    /**
     * Reads a push payload.
     *
     * @throws IllegalArgumentException when it has no {@code ref}
     * @throws ClassCastException       when a field has another JSON type than the host documents
     */
    abstract PushInfo push(JsonObject payload);

    private static Optional<String> hmac(String header, String hex, byte[] body, String secret) {
        return Signatures.hmacMatches(hex, secret, body) ? Optional.empty()
                : Optional.of(header + " does not match the body");
    }

    private static String first(MultiMap headers, String... names) {
        return Arrays.stream(names).map(headers::get).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
    }

    private static PushInfo pushOf(JsonObject payload, boolean deleted, String... repositoryIds) {
        String ref = payload.getString("ref");
        if (ref == null || ref.isBlank()) {
            throw new IllegalArgumentException("push payload has no ref");
        }
        String after = payload.getString("after");
        return new PushInfo(Arrays.asList(repositoryIds), ref, after,
                deleted || PushInfo.isNullCommit(after));
    }
}
