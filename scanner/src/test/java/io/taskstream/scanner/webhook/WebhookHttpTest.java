package io.taskstream.scanner.webhook;

import io.taskstream.kafka.embedded.EmbeddedKafka;
import io.taskstream.scanner.webhook.WebhookHarness.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.taskstream.scanner.webhook.WebhookPushTest.GITHUB_PUSH;
import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP side: routes, methods, health, body limits, unreadable bodies, which providers are served. */
@Timeout(120)
@ExtendWith(SharedBroker.class)
class WebhookHttpTest {
    private static final int LIMIT = GITHUB_PUSH.length;

    private WebhookHarness hooks;

    @BeforeEach
    void create(EmbeddedKafka kafka) {
        hooks = new WebhookHarness(kafka);
    }

    @AfterEach
    void undeploy() throws Exception {
        hooks.close();
    }

    @Test
    void healthAnswersUp() throws Exception {
        Reply health = hooks.deploy().send("GET", "/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().getMap()).isEqualTo(Map.of("status", "up"));
    }

    record Route(String method, String path, int status, String reason, String allow) {
    }

    static Stream<Route> wrongRoutes() {
        return Stream.of(
                new Route("GET", "/hooks/github", 405, "method GET not allowed, use POST", "POST"),
                new Route("PUT", "/hooks/gitlab", 405, "method PUT not allowed, use POST", "POST"),
                new Route("POST", "/health", 405, "method POST not allowed, use GET", "GET"),
                new Route("POST", "/hooks/bitbucket", 404, "no endpoint at /hooks/bitbucket", null),
                new Route("GET", "/", 404, "no endpoint at /", null));
    }

    @ParameterizedTest
    @MethodSource("wrongRoutes")
    void aWrongMethodOrPathIsRefused(Route route) throws Exception {
        Reply reply = hooks.deploy().send(route.method(), route.path());

        assertThat(reply.status()).isEqualTo(route.status());
        assertThat(reply.body().getMap()).isEqualTo(Map.of("status", "error", "reason", route.reason()));
        assertThat(reply.headers().get("allow")).isEqualTo(route.allow() == null ? null : List.of(route.allow()));
    }

    @Test
    void aProviderWithoutSecretIsNotServedAndSecretsMayComeFromTheEnvironment() throws Exception {
        hooks.deploy(hooks.config().withSecrets(WebhookConfig.Secrets.from(Map.of("giteaSecret", Hook.GITEA_SECRET),
                Map.of("TASKSTREAM_GITHUB_SECRET", Hook.GITHUB_SECRET))));

        Reply gitlab = hooks.send(Hook.gitlab("Push Hook", "gl-1", WebhookPushTest.GITLAB_PUSH));
        Reply github = hooks.send(Hook.github("push", "gh-1", GITHUB_PUSH));

        assertThat(gitlab.status()).isEqualTo(404);
        assertThat(gitlab.body().getMap()).isEqualTo(Map.of("status", "error", "reason", "gitlab provider not configured"));
        assertThat(github.field("status")).isEqualTo("accepted");
        assertThat(hooks.events()).extracting(e -> e.runId()).containsExactly(github.field("runId"));
    }

    record Unreadable(String name, String body, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Unreadable> unreadables() {
        return Stream.of(
                new Unreadable("truncated JSON", "{\"ref\": ", "body is not a JSON object (send application/json): "),
                new Unreadable("a JSON array", "[1, 2]", "body is not a JSON object (send application/json): "),
                new Unreadable("form-encoded", "payload=%7B%7D", "body is not a JSON object (send application/json): "),
                new Unreadable("empty", "", "body is not a JSON object (send application/json): "),
                new Unreadable("no ref", "{\"after\": \"abc\"}", "not a github push payload: push payload has no ref"),
                new Unreadable("repository not an object", "{\"ref\": \"refs/heads/main\", \"repository\": \"acme/tasks\"}",
                        "not a github push payload: a field has another JSON type than github documents"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadables")
    void aSignedButUnreadableBodyIsABadRequest(Unreadable unreadable) throws Exception {
        hooks.deploy();
        Reply reply = hooks.send(Hook.github("push", "bad-1", unreadable.body().getBytes(StandardCharsets.UTF_8)));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field("status")).isEqualTo("invalid");
        assertThat(reply.field("reason")).startsWith(unreadable.reason());
        Reply valid = hooks.send(Hook.github("push", "good-1", GITHUB_PUSH));
        assertThat(hooks.events()).extracting(e -> e.runId()).containsExactly(valid.field("runId"));
    }

    record Oversize(String name, String head, byte[] body) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Oversize> oversizes() {
        byte[] tooLong = (new String(GITHUB_PUSH, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        Hook signed = Hook.github("push", "big-1", tooLong);
        return Stream.of(
                new Oversize("declared Content-Length, nothing sent", head(signed, "Content-Length: 5000000"), new byte[0]),
                new Oversize("one chunk past the limit", head(signed, "Transfer-Encoding: chunked"), chunked(tooLong, LIMIT + 1)),
                new Oversize("small chunks adding up past the limit", head(signed, "Transfer-Encoding: chunked"),
                        chunked(tooLong, 300)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversizes")
    void aBodyPastTheLimitIsRefusedAndTheConnectionClosed(Oversize oversize) throws Exception {
        hooks.deploy(hooks.config().withMaxBodyBytes(LIMIT));

        String response = hooks.raw(oversize.head(), oversize.body()); // returns once the server closed the connection

        assertThat(response).startsWith("HTTP/1.1 413 ").containsIgnoringCase("connection: close")
                .endsWith("{\"status\":\"rejected\",\"reason\":\"body exceeds " + LIMIT + " bytes\"}");
        Reply atTheLimit = hooks.send(Hook.github("push", "big-2", GITHUB_PUSH));
        assertThat(atTheLimit.field("status")).isEqualTo("accepted");
        assertThat(hooks.events()).extracting(e -> e.runId()).containsExactly(atTheLimit.field("runId"));
    }

    @Test
    void aChunkedBodyUpToTheLimitIsReadAndExpectContinueIsHonoured() throws Exception {
        hooks.deploy(hooks.config().withMaxBodyBytes(LIMIT));
        Hook push = Hook.github("push", "chunked-1", GITHUB_PUSH);

        String chunked = hooks.raw(head(push, "Transfer-Encoding: chunked"), chunked(GITHUB_PUSH, 500));
        String continued = hooks.raw(head(push.with("X-GitHub-Delivery", "continue-1"), "Content-Length: " + LIMIT
                + "\r\nExpect: 100-continue"), GITHUB_PUSH);

        assertThat(chunked).startsWith("HTTP/1.1 202 ").contains("\"status\":\"accepted\"");
        assertThat(continued).startsWith("HTTP/1.1 100 Continue").contains("HTTP/1.1 202 ");
        assertThat(hooks.events()).hasSize(2);
    }

    @Test
    void aWebhookThatCannotServeDoesNotDeploy() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(hooks.deployFailure(hooks.config().withAddress("127.0.0.1", taken.getLocalPort())))
                    .containsIgnoringCase("address already in use");
        }
    }

    /** Request line and headers of a signed delivery sent over a raw socket, plus one more header line. */
    private static String head(Hook hook, String extra) {
        StringBuilder head = new StringBuilder("POST " + hook.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n" + extra);
        hook.headers().forEach((name, value) -> head.append("\r\n").append(name).append(": ").append(value));
        return head.toString();
    }

    /** {@code body} in HTTP/1.1 chunked encoding, in chunks of {@code size} bytes, with the final empty chunk. */
    private static byte[] chunked(byte[] body, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int from = 0; from < body.length; from += size) {
            int length = Math.min(size, body.length - from);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, from, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
