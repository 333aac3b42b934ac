package io.taskstream.actions.probe;

import io.taskstream.actions.StepResult;
import io.taskstream.actions.StepResult.Done;
import io.taskstream.actions.StepResult.Failed;
import io.taskstream.events.data.FailureCause;
import io.taskstream.runtime.process.Redactor;
import io.taskstream.task.action.HttpAction;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class HttpProbeTest {
    private static final String SECRET = "s3cr3t-deploy-value";
    private static Vertx vertx;
    private static String base;

    private final HttpProbe probe = new HttpProbe();

    @BeforeAll
    static void startServer() throws Exception {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(HttpProbeTest::answer).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + server.actualPort();
    }

    @AfterAll
    static void stopServer() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static void answer(HttpServerRequest request) {
        switch (request.path()) {
            case "/health" -> request.response().end("ok\n");
            case "/status" -> request.response().putHeader("content-type", "application/json")
                    .end("{\"status\": \"UP\", \"checks\": []}");
            case "/maintenance" -> request.response().setStatusCode(503).end("maintenance\r\n\tback at 10:00\u0007\n");
            case "/moved" -> request.response().setStatusCode(302).putHeader("location", "/health").end();
            case "/method" -> request.response().end(request.method().name());
            case "/leak" -> request.response().setStatusCode(500)
                    .end("deploy failed: password=hunter2hunter2 and key " + SECRET + " rejected");
            case "/big" -> request.response().end(Buffer.buffer("a".repeat(HttpProbe.MAX_BODY) + "MARKER"));
            case "/hang" -> {
                // never answers
            }
            default -> request.response().setStatusCode(404).end("no such page");
        }
    }

    /** A {@code http:} action ({@code {base}} for the server) and what its check must say. */
    record Check(String action, String says) {
        @Override
        public String toString() {
            return action;
        }
    }

    static Stream<Check> passing() {
        return Stream.of(
                new Check("GET {base}/health -> 200", "GET {base}/health -> 200 in # ms; body starts: \"ok\""),
                new Check("{base}/health -> 200 body \"^ok$\"", "GET {base}/health -> 200 in # ms; body starts: \"ok\""),
                new Check("GET {base}/status -> 200 body \"status\":\\s*\"UP\"",
                        "GET {base}/status -> 200 in # ms; body starts: \"{\"status\": \"UP\", \"checks\": []}\""),
                new Check("GET {base}/maintenance -> 503", "GET {base}/maintenance -> 503 in # ms;"
                        + " body starts: \"maintenance back at 10:00?\""),
                new Check("GET {base}/moved -> 302", "GET {base}/moved -> 302 in # ms; the body is empty"),
                new Check("POST {base}/method -> 200 body ^POST$", "POST {base}/method -> 200 in # ms; body starts: \"POST\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("passing")
    void anAnswerThatFitsPasses(Check c) {
        StepResult result = probe.check(HttpAction.parse(c.action().replace("{base}", base)), Redactor.none());

        assertThat(result).isInstanceOf(Done.class);
        assertThat(result.output().replaceFirst(" in \\d+ ms;", " in # ms;")).isEqualTo(c.says().replace("{base}", base));
        assertThat(((Done) result).facts()).containsEntry("http.status", c.action().replaceAll(".*-> (\\d{3}).*", "$1"));
    }

    static Stream<Check> failing() {
        return Stream.of(
                new Check("GET {base}/maintenance -> 200",
                        "GET {base}/maintenance answered 503, expected 200; body starts: \"maintenance back at 10:00?\""),
                new Check("GET {base}/health -> 200 body \"UP\"",
                        "GET {base}/health answered 200 but the body has no match for \"UP\"; body starts: \"ok\""),
                new Check("GET {base}/moved -> 200",
                        "GET {base}/moved answered 302 (Location: /health), expected 200; the body is empty"),
                new Check("GET {base}/nowhere -> 200", "GET {base}/nowhere answered 404, expected 200;"
                        + " body starts: \"no such page\""),
                new Check("GET {base}/big -> 200 body MARKER", "GET {base}/big answered 200 but the body has no match"
                        + " in its first MiB for \"MARKER\"; body starts: \"" + "a".repeat(BodyExcerpt.LENGTH) + "…\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failing")
    void anAnswerThatDoesNotFitFailsQuotingIt(Check c) {
        StepResult result = probe.check(HttpAction.parse(c.action().replace("{base}", base)), Redactor.none());

        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(c.says().replace("{base}", base));
            assertThat(f.cause()).isEqualTo(FailureCause.RUN_FAILED);
            assertThat(f.retryable()).isTrue();
        });
    }

    @Test
    void anEndpointThatNeverAnswersFailsAtTheTimeout() {
        HttpAction hang = new HttpAction("GET", URI.create(base + "/hang"), 200, Optional.empty(), Duration.ofMillis(700));

        StepResult result = probe.check(hang, Redactor.none());

        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("GET " + base + "/hang did not answer within 700 ms");
            assertThat(f.cause()).isEqualTo(FailureCause.TIMED_OUT);
            assertThat(f.retryable()).isTrue();
        });
    }

    @Test
    void aPortNothingListensOnFailsAsRefused() throws Exception {
        String address = "127.0.0.1:" + TestTlsServer.closedPort();

        StepResult result = probe.check(HttpAction.parse("GET http://" + address + "/health -> 200"), Redactor.none());

        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("GET http://" + address + "/health failed: nothing accepts connections on "
                    + address + " (connection refused)");
            assertThat(f.retryable()).isTrue();
        });
    }

    @Test
    void anHttpsEndpointIsCheckedAgainstTheDefaultTrustStore() throws Exception {
        TestCertificates.Issued ca = TestCertificates.ca("Homelab CA");
        TestCertificates.Issued leaf = TestCertificates.leaf(ca, "leaf", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2040-01-01T00:00:00Z"), List.of("IP:127.0.0.1"));
        try (TestTlsServer server = TestTlsServer.serving(leaf, ca)) {
            String url = "https://" + server.address() + "/health";

            StepResult result = probe.check(HttpAction.parse("GET " + url + " -> 200"), Redactor.none());

            assertThat(result).isInstanceOfSatisfying(Failed.class, f -> assertThat(f.reason())
                    .startsWith("GET " + url + " failed its TLS handshake: ")
                    .endsWith(" (checked against the JDK's default trust store)"));
        }
    }

    @Test
    void secretsInTheBodyAndTheUrlAreRedacted() {
        Redactor redactor = new Redactor(List.of(SECRET));

        StepResult result = probe.check(HttpAction.parse("GET " + base + "/leak?token=abcdef123456 -> 200"), redactor);

        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("GET " + base + "/leak?token=[REDACTED] answered 500, expected 200;"
                    + " body starts: \"deploy failed: password=[REDACTED] and key [REDACTED] rejected\"");
            assertThat(f.output()).doesNotContain(SECRET, "hunter2", "abcdef123456");
        });
    }
}
