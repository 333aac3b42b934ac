package io.taskstream.scanner.webhook;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A delivery as a git host sends it: path, headers and raw body, signed the way that host signs (the HMAC is
 * computed here with the JDK, independently of the code under test).
 */
record Hook(String path, Map<String, String> headers, byte[] body) {
    static final String GITHUB_SECRET = "It's a Secret to Everybody";
    static final String GITEA_SECRET = "gitea-shared-secret";
    static final String GITLAB_TOKEN = "gitlab-secret-token";

    Hook {
        headers = Map.copyOf(headers);
    }

    static Hook github(String event, String delivery, byte[] body) {
        return new Hook("/hooks/github", Map.of("X-GitHub-Event", event, "X-GitHub-Delivery", delivery,
                "X-Hub-Signature-256", "sha256=" + hmac(GITHUB_SECRET, body), "Content-Type", "application/json"), body);
    }

    static Hook gitea(String event, String delivery, byte[] body) {
        return new Hook("/hooks/gitea", Map.of("X-Gitea-Event", event, "X-Gitea-Delivery", delivery,
                "X-Gitea-Signature", hmac(GITEA_SECRET, body), "Content-Type", "application/json"), body);
    }

    static Hook forgejo(String event, String delivery, byte[] body) {
        return new Hook("/hooks/gitea", Map.of("X-Forgejo-Event", event, "X-Forgejo-Delivery", delivery,
                "X-Forgejo-Signature", hmac(GITEA_SECRET, body), "Content-Type", "application/json"), body);
    }

    static Hook gitlab(String event, String delivery, byte[] body) {
        return new Hook("/hooks/gitlab", Map.of("X-Gitlab-Event", event, "X-Gitlab-Event-UUID", delivery,
                "X-Gitlab-Token", GITLAB_TOKEN, "Content-Type", "application/json"), body);
    }

    /** This delivery with a header set (or replaced). */
    Hook with(String header, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(header, value);
        return new Hook(path, copy, body);
    }

    /** This delivery without a header. */
    Hook without(String header) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.remove(header);
        return new Hook(path, copy, body);
    }

    /** This delivery with another body, signature unchanged (a tampered delivery). */
    Hook withBody(byte[] other) {
        return new Hook(path, headers, other);
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fixture under {@code src/test/resources/webhooks/}. */
    static byte[] fixture(String name) {
        try (InputStream in = Hook.class.getResourceAsStream("/webhooks/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture changed by {@code edit}, re-encoded. */
    static byte[] fixture(String name, Consumer<JsonObject> edit) {
        JsonObject json = new JsonObject(Buffer.buffer(fixture(name)));
        edit.accept(json);
        return json.encodePrettily().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return path + " " + headers.keySet() + " " + body.length + " bytes";
    }
}
