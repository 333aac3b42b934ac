package io.taskstream.launcher;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.launcher.pipeline.Pipeline;
import io.taskstream.launcher.pipeline.PipelineConfig;
import io.taskstream.launcher.pipeline.Service;
import io.taskstream.reporter.ReporterVerticle;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.scanner.ScanRequests;
import io.taskstream.testkit.BrokerExtension;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A pipeline with {@code --health-port}: live while deployed, ready while the broker answers, and its metrics
 * in Prometheus text after a run of one criterion.
 */
class HealthEndpointTest {
    private static final String TASK = """
            ---
            id: TASK-001
            title: Say hello
            priority: high
            status: active
            ---

            # TASK-001: Say hello

            ## Acceptance Criteria
            - [ ] Hello written
              - run: `echo hello > hello.txt`
              - verify: `grep -qx hello hello.txt`
            """;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    @Test
    void probesFollowTheBrokerAndMetricsCountTheRun(@TempDir Path tmp) throws Exception {
        TaskRepoFixture repo = TaskRepoFixture.create(tmp.resolve("repo"), Map.of("tasks/active/TASK-001.md", TASK));
        Path workspace = Files.createDirectories(tmp.resolve("workspace"));
        PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), "health", repo.url, "main", workspace,
                tmp.resolve("state"), tmp.resolve("reports"), 1, 1, 200, 3).withHealth("127.0.0.1", 0);
        Vertx vertx = Vertx.vertx();
        Pipeline pipeline = new Pipeline(vertx, config);
        try {
            pipeline.start(EnumSet.allOf(Service.class)).toCompletionStage().toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            String base = "http://127.0.0.1:" + pipeline.healthPort();

            HttpResponse<String> live = get(base + "/health/live");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(live.body()).getString("status")).isEqualTo("up");
            HttpResponse<String> ready = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> get(base + "/health/ready"), r -> r.statusCode() == 200);
            assertThat(new JsonObject(ready.body()).getString("status")).isEqualTo("up");
            assertThat(new JsonObject(ready.body()).getJsonObject("checks").getJsonObject("taskRepo")
                    .getString("status")).as("the scanner and verifier need the task repo").isEqualTo("up");

            runOnce(vertx, config);
            String metrics = get(base + "/metrics").body();
            assertThat(metrics)
                    .contains("taskstream_events_published_total{type=\"io.taskstream.criterion.completed.v1\"")
                    .containsPattern("taskstream_criterion_duration_seconds_count\\{[^}]*outcome=\"completed\""
                            + "[^}]*task_type=\"[^\"]*\"[^}]*} 1")
                    .containsPattern("taskstream_git_push_seconds_count(\\{[^}]*})? [1-9]")
                    .contains("jvm_memory_used_bytes", "jvm_threads_live_threads");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(get(base + "/metrics").body()).as("nothing left to do once the run is over")
                            .contains("taskstream_consumer_lag{group=\"health-executor\",topic=\"health.events\"} 0.0",
                                    "taskstream_consumer_lag{group=\"health-verifier\",topic=\"health.events\"} 0.0"));

            kafka.shutdownBroker();
            try {
                HttpResponse<String> down = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> get(base + "/health/ready"), r -> r.statusCode() == 503);
                JsonObject checks = new JsonObject(down.body()).getJsonObject("checks");
                assertThat(checks.getJsonObject("broker").getString("status")).isEqualTo("down");
                assertThat(checks.getJsonObject("broker").getString("reason")).contains("broker");
                assertThat(checks.getJsonObject("services").getString("status")).isEqualTo("up");
                assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);
            } finally {
                kafka.restartBroker();
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> get(base + "/health/ready").statusCode(), s -> s == 200);
        } finally {
            try {
                pipeline.stop().toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aFailedDeployIsNotLive(@TempDir Path tmp) throws Exception {
        TaskRepoFixture repo = TaskRepoFixture.create(tmp.resolve("repo"), Map.of("tasks/active/TASK-001.md", TASK));
        Path missingKey = tmp.resolve("no-such-key.pem");
        PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), "health-failed", repo.url, "main",
                Files.createDirectories(tmp.resolve("workspace")), tmp.resolve("state"), tmp.resolve("reports"), 1, 1,
                200, 3, null, PipelineConfig.DEFAULT_CONCURRENCY, null, missingKey).withHealth("127.0.0.1", 0);
        Vertx vertx = Vertx.vertx();
        Pipeline pipeline = new Pipeline(vertx, config);
        try {
            CompletableFuture<Void> started = pipeline.start(EnumSet.of(Service.VERIFIER)).toCompletionStage()
                    .toCompletableFuture();
            assertThat(started).failsWithin(Duration.ofSeconds(60));
            String base = "http://127.0.0.1:" + pipeline.healthPort();
            HttpResponse<String> live = get(base + "/health/live");
            assertThat(live.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(live.body()).getString("status")).isEqualTo("down");
            HttpResponse<String> ready = get(base + "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            JsonObject checks = new JsonObject(ready.body()).getJsonObject("checks");
            assertThat(checks.getJsonObject("services").getString("reason")).contains("failed");
            assertThat(checks.getJsonObject("broker").getString("status")).isEqualTo("up");
        } finally {
            try {
                pipeline.stop().toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void runOnce(Vertx vertx, PipelineConfig config) throws Exception {
        String runId = ScanRequests.newRunId();
        CompletableFuture<JsonObject> finished = new CompletableFuture<>();
        vertx.eventBus().<JsonObject>consumer(ReporterVerticle.RUN_FINISHED, m -> {
            if (runId.equals(m.body().getString("runId"))) {
                finished.complete(m.body());
            }
        }).completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try (EventPublisher publisher = new EventPublisher(config.bootstrapServers(), "test", new EventCodec())) {
            new ScanRequests(publisher, Topics.withPrefix(config.topicPrefix()), Source.of("test", "health"))
                    .request(runId, "test", false, ExecutionOptions.defaults());
        }
        finished.get(120, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
