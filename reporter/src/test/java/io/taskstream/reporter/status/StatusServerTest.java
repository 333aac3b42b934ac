package io.taskstream.reporter.status;

import io.taskstream.runtime.kafka.KafkaClientConfig;
import io.taskstream.reporter.ReporterConfig;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Topics;
import io.taskstream.reporter.ReporterVerticle;
import io.taskstream.reporter.SampleRun;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.testkit.BrokerExtension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The reporter's status page over a real broker: the snapshot follows the log, report files and nothing else are served. */
class StatusServerTest {
    private static final String SECRET = "not for the status page";
    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    private final HttpClient http = HttpClient.newHttpClient();
    private Vertx vertx;
    private ReporterVerticle reporter;

    @BeforeEach
    void startReporter(@TempDir Path tmp) throws Exception {
        Topics topics = Topics.withPrefix("status");
        kafka.createTopics(topics.layout(3));
        Files.writeString(tmp.resolve("secret.md"), SECRET);
        vertx = Vertx.vertx();
        reporter = new ReporterVerticle(ReporterConfig.defaults(KafkaClientConfig.of(kafka.bootstrapServers(), "status"),
                tmp.resolve("reports")).withStatus("127.0.0.1", 0));
        join(vertx.deployVerticle(reporter));
        try (EventPublisher publisher = new EventPublisher(kafka.bootstrapServers(), "test", new EventCodec())) {
            for (Envelope<?> e : SampleRun.events()) {
                publisher.publishAndWait(topics.events(), e);
            }
        }
    }

    @AfterEach
    void stopVertx() throws Exception {
        join(vertx.close());
    }

    @Test
    void theSnapshotFollowsTheLogAndLinksTheWrittenReport() throws Exception {
        JsonObject run = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> new JsonObject(get("/status.json").body()).getJsonArray("runs").stream()
                        .map(JsonObject.class::cast).filter(r -> r.containsKey("report")).findFirst().orElse(null),
                        r -> r != null);
        assertThat(run.getString("runId")).isEqualTo(SampleRun.RUN_ID);
        JsonObject status = new JsonObject(get("/status.json").body());
        JsonObject blocked = status.getJsonArray("tasks").stream().map(JsonObject.class::cast)
                .filter(t -> t.getString("task").equals("TASK-002")).findFirst().orElseThrow();
        assertThat(blocked.getString("state")).isEqualTo("blocked");
        assertThat(blocked.getString("reason")).isEqualTo(SampleRun.BLOCK_REASON);

        HttpResponse<String> report = get("/" + run.getString("report"));
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(report.body()).startsWith("<!DOCTYPE html>").contains(SampleRun.RUN_ID);

        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("new EventSource(\"events\")", "\"TASK-002\"")
                .doesNotContainPattern("(src|href)=\"https?:");
    }

    @Test
    void theEventStreamStartsWithTheCurrentSnapshot() throws Exception {
        HttpResponse<InputStream> stream = http.send(request("/events"), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/event-stream"));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String data = lines.lines().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow();
            assertThat(new JsonObject(data.substring(6)).getJsonArray("runs")).isNotNull();
        }
    }

    @Test
    void nothingOutsideTheReportsDirectoryIsServed() throws Exception {
        for (String path : new String[]{"/reports/../../etc/passwd", "/reports/../secret.md",
                "/reports/..%2Fsecret.md", "/reports/%2e%2e%2fsecret.md", "/reports/%2E%2E/secret.md",
                "/reports/..%5Csecret.md", "/reports/.%2e/secret.md", "/reports/%2Fetc%2Fpasswd", "/reports/",
                "/reports/secret.md"}) {
            String response = raw(path);
            assertThat(response).as(path).matches("(?s)HTTP/1\\.1 40[04] .*").doesNotContain(SECRET, "root:");
        }
        assertThat(get("/reports/session-" + SampleRun.RUN_ID + ".nothere").statusCode()).isEqualTo(404);
    }

    /** The request line exactly as written: no client normalises the path. */
    private String raw(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", reporter.statusPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + reporter.statusPort() + path))
                .timeout(Duration.ofSeconds(10)).build();
    }

    private static <T> T join(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
