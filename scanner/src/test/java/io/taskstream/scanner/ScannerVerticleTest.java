package io.taskstream.scanner;

import io.taskstream.runtime.kafka.KafkaClientConfig;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.EventData;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.data.ScanCompleted;
import io.taskstream.events.data.TaskCompleted;
import io.taskstream.events.data.TaskInvalid;
import io.taskstream.events.data.TaskReady;
import io.taskstream.events.data.TaskWaiting;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.testkit.BrokerExtension;
import io.taskstream.testkit.EventLog;
import io.taskstream.scanner.testing.GitRemote;
import io.taskstream.scanner.testing.TaskText;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.taskstream.testkit.EventLog.data;
import static io.taskstream.scanner.testing.TaskText.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** The deployed scanner service against a real broker and a real git remote, driven only through events. */
@Timeout(180)
class ScannerVerticleTest {
    private static final URI TEST = Source.of("test", "1");
    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    @TempDir
    Path dir;
    private final String runId = ScanRequests.newRunId();
    private String prefix;
    private Topics topics;
    private GitRemote remote;
    private EventPublisher publisher;
    private EventLog log;
    private Vertx vertx;

    @BeforeEach
    void wire() throws Exception {
        prefix = "scanner-" + UUID.randomUUID();
        topics = Topics.withPrefix(prefix);
        kafka.createTopics(topics.layout(3));
        remote = GitRemote.init(dir);
        publisher = new EventPublisher(kafka.bootstrapServers(), "test", new EventCodec());
        log = new EventLog(kafka.bootstrapServers(), topics.events());
        vertx = Vertx.vertx();
    }

    @AfterEach
    void unwire() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
        log.close();
        publisher.close();
        remote.close();
    }

    /** Seed 000's backlog plus a mistyped file: one scan, then TASK-005's completion releases TASK-002. */
    @Test
    void aScanAnnouncesEveryTaskAndACompletionReleasesItsDependent() throws Exception {
        Path work = remote.workTree();
        task("TASK-001", "Update registry configuration to new IP").priority("critical").status("completed")
                .labels("infrastructure", "registry").writeTo(work, "tasks/completed");
        task("TASK-002", "Rebuild and push all service images").priority("critical").labels("builds", "registry")
                .dependsOn("TASK-005").created("2025-10-16").criteria("""
                        - [x] Registry answers on its port-forward
                        - [ ] Build FFL images v0.1.18 and push them
                          - run: `REGISTRY_URL=127.0.0.1:5000 VERSION=0.1.18 ./scripts/build.sh --push all`
                          - in: ffl
                          - verify: `curl -fs http://127.0.0.1:5000/v2/ffl-backend/tags/list | grep -q 0.1.18`
                        """).writeTo(work, "tasks/active");
        task("TASK-007", "Verify the registry certificate names 127.0.0.1").priority("critical").labels("security")
                .created("2025-10-17").writeTo(work, "tasks/active");
        task("TASK-005", "Investigate triager build failure").priority("high").status("backlog").labels("builds")
                .writeTo(work, "tasks/backlog");
        task("TASK-003", "Flux reconciliation and verification").priority("high").status("backlog")
                .labels("deployment", "flux").dependsOn("TASK-002").writeTo(work, "tasks/backlog");
        task("TASK-006", "Check all services healthy").priority("medium").status("backlog")
                .labels("verification", "health").writeTo(work, "tasks/backlog");
        TaskText.write(work, "tasks/backlog/TASK-008.md",
                task("TASK-008", "Clean up Docker on the runner").priority("urgent").render());
        String scanned = remote.publish("Backlog after the 2025-10-17 session");

        deployScanner();
        requestScan();

        ScanCompleted done = (ScanCompleted) log.awaitMatching(e -> e.data() instanceof ScanCompleted, 1).get(0).data();
        List<Envelope<EventData>> events = log.readToEnd();
        assertThat(done).isEqualTo(new ScanCompleted(remote.url(), "main", scanned,
                List.of("TASK-007", "TASK-005", "TASK-006"), List.of("TASK-002", "TASK-003"),
                List.of("tasks/backlog/TASK-008.md"), List.of("TASK-001"), List.of(), List.of(), false, ""));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.runId()).isEqualTo(runId);
            assertThat(e.source()).isIn(TEST, Source.of("scanner", "scanner-a"));
        });
        assertThat(data(events, runId, TaskInvalid.class)).containsExactly(new TaskInvalid("tasks/backlog/TASK-008.md",
                TaskText.PRIORITY_LINE, "unknown priority 'urgent' (expected critical, high, medium or low)", scanned));
        assertThat(data(events, runId, TaskWaiting.class))
                .extracting(w -> w.task().id(), TaskWaiting::waitingOn, TaskWaiting::commit).containsExactlyInAnyOrder(
                        tuple("TASK-002", List.of("TASK-005"), scanned), tuple("TASK-003", List.of("TASK-002"), scanned));
        assertThat(data(events, runId, TaskReady.class))
                .extracting(r -> r.task().id(), TaskReady::queuePosition, TaskReady::commit).containsExactlyInAnyOrder(
                        tuple("TASK-007", 1, scanned), tuple("TASK-005", 2, scanned), tuple("TASK-006", 3, scanned));
        assertThat(data(events, runId, TaskReady.class)).filteredOn(r -> r.task().id().equals("TASK-005"))
                .singleElement().satisfies(r -> {
                    assertThat(r.task().title()).isEqualTo("Investigate triager build failure");
                    assertThat(r.task().priority()).isEqualTo("high");
                    assertThat(r.task().status()).isEqualTo("backlog");
                    assertThat(r.task().path()).isEqualTo("tasks/backlog/TASK-005.md");
                    assertThat(r.task().taskType()).isEqualTo("build");
                    assertThat(r.options()).isEqualTo(ExecutionOptions.defaults());
                });

        TaskText.archive(work, "tasks/backlog/TASK-005.md");
        String archived = remote.commitAndPush("TASK-005: all criteria verified, archived");
        RecordMetadata completion = complete("TASK-005", "Investigate triager build failure", archived);

        TaskReady released = (TaskReady) log.awaitMatching(e -> e.runId().equals(runId)
                && e.data() instanceof TaskReady r && r.task().id().equals("TASK-002"), 1).get(0).data();
        assertThat(released.commit()).isEqualTo(archived);
        assertThat(released.queuePosition()).isEqualTo(1);
        assertThat(released.task().criteria()).hasSize(2);
        log.awaitHandled(ScannerVerticle.group(prefix), completion);
        assertThat(data(log.readToEnd(), runId, TaskReady.class)).extracting(r -> r.task().id())
                .containsExactlyInAnyOrder("TASK-007", "TASK-005", "TASK-006", "TASK-002");
    }

    /** Seed 003: A1 and A2 come first, at positions 1 and 2; B1 and B2 only once both are completed. */
    @Test
    void phaseTwoTasksAreReadyOnlyAfterBothPhaseOneTasksComplete() throws Exception {
        Path work = remote.workTree();
        task("TASK-A1", "CI Pipeline Optimizer").priority("high").labels("builds").writeTo(work, "tasks/active");
        task("TASK-A2", "Kubernetes Prerequisite Installer").priority("high").labels("infrastructure")
                .writeTo(work, "tasks/active");
        task("TASK-B1", "Attic Deployment Executor").priority("high").status("backlog").labels("deployment")
                .dependsOn("TASK-A1", "TASK-A2").writeTo(work, "tasks/backlog");
        task("TASK-B2", "Honey Infrastructure Monitor").priority("high").status("backlog").labels("health")
                .dependsOn("TASK-A1", "TASK-A2").writeTo(work, "tasks/backlog");
        String planned = remote.publish("Infrastructure agent execution plan");

        deployScanner();
        requestScan();

        log.awaitMatching(e -> e.data() instanceof ScanCompleted, 1);
        assertThat(data(log.readToEnd(), runId, TaskReady.class)).extracting(r -> r.task().id(), TaskReady::queuePosition,
                TaskReady::commit).containsExactlyInAnyOrder(tuple("TASK-A1", 1, planned), tuple("TASK-A2", 2, planned));

        TaskText.archive(work, "tasks/active/TASK-A1.md");
        RecordMetadata a1 = complete("TASK-A1", "CI Pipeline Optimizer", remote.commitAndPush("TASK-A1 archived"));
        log.awaitHandled(ScannerVerticle.group(prefix), a1);
        assertThat(data(log.readToEnd(), runId, TaskReady.class)).extracting(r -> r.task().id())
                .containsExactlyInAnyOrder("TASK-A1", "TASK-A2");

        TaskText.archive(work, "tasks/active/TASK-A2.md");
        String bothDone = remote.commitAndPush("TASK-A2 archived");
        complete("TASK-A2", "Kubernetes Prerequisite Installer", bothDone);

        List<Envelope<EventData>> phaseTwo = log.awaitMatching(e -> e.runId().equals(runId)
                && e.data() instanceof TaskReady r && r.task().id().startsWith("TASK-B"), 2);
        assertThat(data(phaseTwo, runId, TaskReady.class)).extracting(r -> r.task().id(), TaskReady::queuePosition,
                TaskReady::commit).containsExactlyInAnyOrder(tuple("TASK-B1", 1, bothDone), tuple("TASK-B2", 2, bothDone));
    }

    private void deployScanner() throws Exception {
        ScannerConfig config = new ScannerConfig(KafkaClientConfig.of(kafka.bootstrapServers(), prefix), "scanner-a",
                remote.url(), "main", dir.resolve("scanner-cache"));
        vertx.deployVerticle(new ScannerVerticle(config))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private void requestScan() {
        new ScanRequests(publisher, topics, TEST).request(runId, "test", false, ExecutionOptions.defaults());
    }

    private RecordMetadata complete(String task, String title, String commit) {
        return publisher.publishAndWait(topics.events(), Envelope.of(TEST, task, runId,
                new TaskCompleted(title, commit, "tasks/completed/" + task + ".md", 1)));
    }
}
