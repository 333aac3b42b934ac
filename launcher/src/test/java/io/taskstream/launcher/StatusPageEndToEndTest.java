package io.taskstream.launcher;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.launcher.pipeline.Pipeline;
import io.taskstream.launcher.pipeline.PipelineConfig;
import io.taskstream.launcher.pipeline.Service;
import io.taskstream.reporter.ReporterVerticle;
import io.taskstream.reporter.report.html.Palette;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.scanner.ScanRequests;
import io.taskstream.testkit.BrokerExtension;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.taskstream.testkit.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reporter's live status page in headless Chromium (CI installs Debian's {@code chromium}) while a pipeline
 * runs a task that takes a moment: the page shows the task completed, in the completed colour, and links the
 * run's report.
 */
class StatusPageEndToEndTest {
    private static final String SLOW = """
            ---
            id: TASK-001
            title: Warm the build cache
            priority: high
            status: active
            ---

            # TASK-001: Warm the build cache

            ## Acceptance Criteria
            - [ ] Cache warmed
              - run: `sleep 1 && echo warm > cache.txt`
              - verify: `grep -qx warm cache.txt`
            """;
    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    @Test
    void thePageShowsTheTaskCompletedAndLinksTheReport(@TempDir Path tmp) throws Exception {
        assertThat(Chromium.BINARY).as("chromium is installed (.ci/run installs it)").isExecutable();
        TaskRepoFixture repo = TaskRepoFixture.create(tmp.resolve("repo"), Map.of("tasks/active/TASK-001.md", SLOW));
        Path workspace = Files.createDirectories(tmp.resolve("workspace"));
        PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), "status", repo.url, "main", workspace,
                tmp.resolve("state"), tmp.resolve("reports"), 1, 1, 200, 3).withStatus("127.0.0.1", 0);
        Vertx vertx = Vertx.vertx();
        Pipeline pipeline = new Pipeline(vertx, config);
        try {
            pipeline.start(EnumSet.allOf(Service.class)).toCompletionStage().toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            String page = "http://127.0.0.1:" + pipeline.statusPort() + "/";
            String runId = ScanRequests.newRunId();
            CompletableFuture<JsonObject> finished = new CompletableFuture<>();
            vertx.eventBus().<JsonObject>consumer(ReporterVerticle.RUN_FINISHED, m -> {
                if (runId.equals(m.body().getString("runId"))) {
                    finished.complete(m.body());
                }
            }).completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            try (EventPublisher publisher = new EventPublisher(config.bootstrapServers(), "test", new EventCodec())) {
                new ScanRequests(publisher, Topics.withPrefix("status"), Source.of("test", "status"))
                        .request(runId, "test", false, ExecutionOptions.defaults());
            }

            String dom = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Chromium.run(tmp, Duration.ofSeconds(60), "--dump-dom", page),
                            d -> d.contains("data-task=\"TASK-001\" data-state=\"completed\"")
                                    && d.contains("href=\"reports/session-"));
            assertThat(dom).contains(runId, "Warm the build cache", "completed, archived to tasks/completed/TASK-001.md");
            JsonObject report = finished.get(60, TimeUnit.SECONDS);
            assertThat(dom).contains("href=\"reports/" + Path.of(report.getString("html")).getFileName() + "\"");

            Path png = tmp.resolve("status.png");
            Chromium.run(tmp, Duration.ofSeconds(60), "--screenshot=" + png, "--window-size=1280,900", page);
            assertThat(png).isNotEmptyFile();
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(1280);
            assertThat(Chromium.pixels(image, Palette.VERIFIED.rgb())).as("pixels of the completed colour").isGreaterThan(200);
            Path kept = Path.of("target", "status-page-screenshot.png");
            Files.createDirectories(kept.getParent());
            Files.copy(png, kept, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            try {
                pipeline.stop().toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
