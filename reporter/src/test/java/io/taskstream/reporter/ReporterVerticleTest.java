package io.taskstream.reporter;

import io.taskstream.testkit.BrokerExtension;
import io.taskstream.testkit.ClientsSeen;
import io.taskstream.runtime.kafka.KafkaClientConfig;
import com.fasterxml.jackson.databind.JsonNode;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.TaskInvalid;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Topics;
import io.taskstream.reporter.replay.Replay;
import io.taskstream.reporter.report.WrittenReport;
import io.taskstream.runtime.kafka.EventPublisher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The reporter service against a real broker: live reporting, restart from offset 0, replay. */
class ReporterVerticleTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String UNFINISHED_RUN = "run-20250615-0800-a1b2";
    /** Topics every test reads; filled once, before any reporter starts. */
    private static final Topics RECORDED = Topics.withPrefix("recorded");

    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();
    private static final EventCodec codec = new EventCodec();

    private Vertx vertx;
    private final Queue<JsonObject> finished = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void publishRecorded() {
        kafka.createTopics(RECORDED.layout(3));
        publishSampleRun(RECORDED);
    }

    @BeforeEach
    void startVertx() throws Exception {
        vertx = Vertx.vertx();
        join(vertx.eventBus().<JsonObject>consumer(ReporterVerticle.RUN_FINISHED, m -> finished.add(m.body())).completion());
    }

    @AfterEach
    void stopVertx() throws Exception {
        join(vertx.close());
    }

    /** A poison record, the sample run with one event sent twice, and the start of a run that never finishes. */
    private static void publishSampleRun(Topics topics) {
        try (EventPublisher publisher = new EventPublisher(kafka.bootstrapServers(), "test", codec)) {
            EventPublisher.await(publisher.send(new ProducerRecord<>(topics.events(), "junk",
                    "not an event".getBytes(StandardCharsets.UTF_8))));
            List<Envelope<?>> events = SampleRun.events();
            for (Envelope<?> e : events) {
                publisher.publishAndWait(topics.events(), e);
            }
            publisher.publishAndWait(topics.events(), events.get(events.size() - 1));
            publisher.publishAndWait(topics.events(), new Events(UNFINISHED_RUN).scanRequested(86_400));
        }
    }

    private String deployReporter(Topics topics, Path reportsDir) throws Exception {
        String prefix = topics.events().substring(0, topics.events().length() - ".events".length());
        ReporterConfig config = ReporterConfig.defaults(KafkaClientConfig.of(kafka.bootstrapServers(), prefix),
                reportsDir);
        return join(vertx.deployVerticle(new ReporterVerticle(config)));
    }

    private JsonObject awaitFinished(String runId) {
        return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(() -> finished.stream().filter(m -> m.getString("runId").equals(runId)).findFirst().orElse(null),
                        m -> m != null);
    }

    @Test
    void theReportersKafkaClientGetsTheClientProperties(@TempDir Path dir) throws Exception {
        ReporterConfig config = new ReporterConfig(new KafkaClientConfig(kafka.bootstrapServers(), "recorded",
                ClientsSeen.properties()), "props-1", dir, ReporterConfig.DEFAULT_STATUS_HOST, null);

        join(vertx.deployVerticle(new ReporterVerticle(config)));

        assertThat(ClientsSeen.CLIENTS).contains("client taskstream-props-1");
    }

    @Test
    void aRunPublishedWhileTheReporterRunsIsReportedWhenItFinishes(@TempDir Path dir) throws Exception {
        Topics live = Topics.withPrefix("live");
        kafka.createTopics(live.layout(3));
        deployReporter(live, dir);

        publishSampleRun(live);

        JsonObject msg = awaitFinished(SampleRun.RUN_ID);
        assertThat(msg.getInteger("tasks")).isEqualTo(4);
        assertThat(msg.getInteger("completed")).isEqualTo(2);
        assertThat(msg.getInteger("blocked")).isEqualTo(1);
        assertThat(msg.getInteger("withdrawn")).isZero();
        assertThat(msg.getInteger("invalid")).isEqualTo(1);
        assertThat(msg.getInteger("criteriaMet")).isEqualTo(4);
        assertThat(msg.getInteger("criteriaTotal")).isEqualTo(6);
        Path markdown = Path.of(msg.getString("markdown"));
        Path json = Path.of(msg.getString("json"));
        assertThat(markdown).isEqualTo(dir.resolve("session-" + SampleRun.RUN_ID + ".md").toAbsolutePath());
        assertThat(dir.resolve("session-" + SampleRun.RUN_ID + ".html")).content().startsWith("<!DOCTYPE html>")
                .contains("<svg");

        String md = Files.readString(markdown);
        assertThat(md).contains("## Executive Summary",
                "- **Tasks**: processed 3 of 4: 2 completed, 1 blocked; 1 not started (waiting on dependencies); 1 invalid task file",
                "**Acceptance criteria met**: 4 of 6 (67%)",
                "| 2 | Bump the image tag in the HelmRelease | failed | 2 | 230 ms |",
                "- Criterion 2 failed: issue 1",
                "## Critical Issues", "  verification failed on attempt 2 of 2 (verification: "
                        + SampleRun.VERIFICATION_PROBLEM + ")",
                "## Tasks Blocked", "- **Reason**: issue 1 (see Critical Issues)",
                "## Invalid Task Files", "`tasks/active/TASK-007.md:9`",
                "## Git Operations", "## Timeline", "- TASK-003 waited 8.0 s on TASK-001, 09:30:10 → 09:30:46: #1 ✓ 30.0 s",
                "## Metrics", "## Backlog Status", "| TASK-003 | Completed | Medium | 100% | None (archived) |",
                "| TASK-004 | Held back | Medium | 0% | Unblock TASK-002 first |");
        assertThat(md).contains("**Report built from**: 30 events"); // the duplicate is not counted

        JsonNode report = codec.mapper().readTree(json.toFile());
        assertThat(report.at("/summary/completed").asInt()).isEqualTo(2);
        assertThat(report.at("/tasks/1/result/status").asText()).isEqualTo("blocked");
        assertThat(report.at("/tasks/1/result/criteria/failed").asInt()).isEqualTo(1);
        assertThat(report.at("/tasks/2/id").asText()).isEqualTo("TASK-003");
        assertThat(report.at("/tasks/2/result/status").asText()).isEqualTo("completed");
        assertThat(report.at("/tasks/3/result/remaining_criteria/0/reason").asText()).isEqualTo("not run");

        assertThat(dir.resolve("session-" + UNFINISHED_RUN + ".md")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("session-" + SampleRun.RUN_ID + ".md", "session-" + SampleRun.RUN_ID + ".json",
                            "session-" + SampleRun.RUN_ID + ".html");
        }
    }

    @Test
    void anIncrementalRunWhoseOnlyTaskWasWithdrawnIsReported(@TempDir Path dir) throws Exception {
        Topics topics = Topics.withPrefix("withdrawn");
        kafka.createTopics(topics.layout(3));
        deployReporter(topics, dir);
        Events e = new Events("run-20261122-0900-inc1");
        try (EventPublisher publisher = new EventPublisher(kafka.bootstrapServers(), "test", codec)) {
            publisher.publishAndWait(topics.events(), e.scanRequested(0));
            publisher.publishAndWait(topics.events(), e.withdrawn(1, "TASK-005", "moved to tasks/completed/TASK-005.md by hand"));
            publisher.publishAndWait(topics.events(),
                    e.incrementalScanCompleted(2, List.of(), List.of(), List.of(), List.of("TASK-005")));
        }

        JsonObject msg = awaitFinished(e.runId());
        assertThat(msg.getInteger("tasks")).isEqualTo(1);
        assertThat(msg.getInteger("withdrawn")).isEqualTo(1);
        assertThat(msg.getInteger("processed")).isZero();
        assertThat(Files.readString(Path.of(msg.getString("markdown")))).contains(
                "**Scan**: incremental since a1b2c3d",
                "## Tasks Withdrawn",
                "| TASK-005 | `tasks/active/TASK-005.md` | moved to tasks/completed/TASK-005.md by hand | `3f9c2a7` |");
    }

    @Test
    void aRunThatChangesAfterItWasReportedIsReportedAgain(@TempDir Path dir) throws Exception {
        Topics topics = Topics.withPrefix("late");
        kafka.createTopics(topics.layout(3));
        publishSampleRun(topics);
        deployReporter(topics, dir);
        awaitFinished(SampleRun.RUN_ID);

        try (EventPublisher publisher = new EventPublisher(kafka.bootstrapServers(), "test", codec)) {
            // Its own run-id prefix, so that its id is not one of the sample run's.
            var late = new Events("late").at(200, "TASK-008",
                    new TaskInvalid("tasks/active/TASK-008.md", 0, "no acceptance criteria", "3f9c2a7"));
            publisher.publishAndWait(topics.events(), new Envelope<>(late.id(), late.type(), late.source(),
                    late.subject(), late.time(), SampleRun.RUN_ID, late.data()));
        }

        JsonObject again = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(() -> finished.stream().filter(m -> m.getInteger("invalid") == 2).findFirst().orElse(null),
                        m -> m != null);
        assertThat(Files.readString(Path.of(again.getString("markdown"))))
                .contains("- `tasks/active/TASK-008.md`: no acceptance criteria");
    }

    @Test
    void aReporterStartedAfterTheRunReadsFromOffsetZeroAndWritesTheSameReportAReplayDoes(@TempDir Path dir)
            throws Exception {
        Path liveDir = dir.resolve("live");
        deployReporter(RECORDED, liveDir);
        JsonObject msg = awaitFinished(SampleRun.RUN_ID);

        Replay replay = new Replay(kafka.bootstrapServers(), RECORDED.events());
        WrittenReport replayed = replay.writeReport(SampleRun.RUN_ID, dir.resolve("replay"));

        assertThat(Files.readString(replayed.markdown())).isEqualTo(Files.readString(Path.of(msg.getString("markdown"))));
        assertThat(Files.readString(replayed.json())).isEqualTo(Files.readString(Path.of(msg.getString("json"))));
        assertThat(replayed.summary().completed()).isEqualTo(2);
    }

    @Test
    void aReplayReadsEveryEventUpToTheEndSkipsPoisonAndReportsEveryRun(@TempDir Path dir) throws Exception {
        Replay replay = new Replay(kafka.bootstrapServers(), RECORDED.events());

        List<Envelope<io.taskstream.events.data.EventData>> events = replay.readAll();

        assertThat(events).hasSize(SampleRun.events().size() + 2); // the duplicate and the unfinished run
        assertThat(replay.poisonSkipped()).isEqualTo(1);

        List<WrittenReport> reports = replay.writeReports(dir);
        assertThat(reports).extracting(WrittenReport::runId).containsExactlyInAnyOrder(SampleRun.RUN_ID, UNFINISHED_RUN);
        WrittenReport unfinished = reports.stream().filter(r -> r.runId().equals(UNFINISHED_RUN)).findFirst().orElseThrow();
        assertThat(Files.readString(unfinished.markdown())).contains("**State**: in progress");
    }

    @Test
    void aReplayOfATopicThatDoesNotExistIsEmpty() {
        Replay replay = new Replay(kafka.bootstrapServers(), "nobody.events");

        assertThat(replay.readAll()).isEmpty();
        assertThat(replay.poisonSkipped()).isZero();
    }

    private static <T> T join(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }
}
