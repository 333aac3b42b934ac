package io.taskstream.scanner;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.EventData;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.data.ScanCompleted;
import io.taskstream.events.data.ScanRequested;
import io.taskstream.events.data.TaskCompleted;
import io.taskstream.events.data.TaskReady;
import io.taskstream.events.data.TaskWaiting;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.scanner.scan.IncrementalScanner;
import io.taskstream.runtime.kafka.Consumed;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.testkit.BrokerExtension;
import io.taskstream.testkit.EventLog;
import io.taskstream.scanner.testing.GitRemote;
import io.taskstream.scanner.testing.TaskText;
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

import static io.taskstream.testkit.EventLog.data;
import static io.taskstream.scanner.testing.TaskText.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The worker called directly, one batch at a time, against a real broker and a real git remote: after each
 * {@code handle} returns, everything it published is acknowledged, so "nothing was emitted" is a plain read.
 */
@Timeout(120)
class ScannerWorkerTest {
    private static final URI TEST = Source.of("test", "1");
    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    @TempDir
    Path dir;
    private final String runId = ScanRequests.newRunId();
    private GitRemote remote;
    private GitTaskRepo clone;
    private EventPublisher publisher;
    private EventLog log;
    private ScannerWorker worker;
    private long offset;

    private io.micrometer.core.instrument.simple.SimpleMeterRegistry meters;

    @BeforeEach
    void wire() throws Exception {
        Topics topics = Topics.withPrefix("worker-" + UUID.randomUUID());
        kafka.createTopics(topics.layout(3));
        remote = GitRemote.init(dir);
        clone = new GitTaskRepo(remote.url(), "main", dir.resolve("cache"),
                new GitTaskRepo.Identity("Taskstream Scanner", "scanner@taskstream.invalid"));
        meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        publisher = new EventPublisher(kafka.bootstrapServers(), "scanner-test", new EventCodec())
                .measuredBy(new io.taskstream.runtime.metrics.Meters(meters));
        log = new EventLog(kafka.bootstrapServers(), topics.events());
        worker = new ScannerWorker(new IncrementalScanner(clone), "main", publisher, topics, Source.of("scanner", "test"),
                remote.url());
    }

    @AfterEach
    void unwire() {
        log.close();
        publisher.close();
        clone.close();
        remote.close();
    }

    /** What the scanner publishes is counted by type, as every service's events are (taskstream_events_published_total). */
    @Test
    void everyEventTheScannerPublishesIsCountedByType() throws Exception {
        task("TASK-C1", "Counted").priority("high").labels("builds").writeTo(remote.workTree(), "tasks/active");
        remote.publish("One task");

        handle(runId, new ScanRequested("", "", false, "test", ExecutionOptions.defaults()));
        List<Envelope<EventData>> scan = log.readToEnd();

        assertThat(scan).isNotEmpty();
        for (Envelope<EventData> event : scan) {
            assertThat(meters.get("taskstream.events.published").tag("type", event.type()).counter().count())
                    .as(event.type()).isEqualTo(scan.stream().filter(e -> e.type().equals(event.type())).count());
        }
    }

    /** Seed 003: phase 2 starts only when both phase-1 agents are done. */
    @Test
    void phaseTwoIsReleasedOnlyWhenBothPhaseOneTasksAreCompleted() throws Exception {
        Path work = remote.workTree();
        task("TASK-A1", "CI Pipeline Optimizer").priority("high").labels("builds").writeTo(work, "tasks/active");
        task("TASK-A2", "Kubernetes Prerequisite Installer").priority("high").labels("infrastructure")
                .writeTo(work, "tasks/active");
        task("TASK-B1", "Attic Deployment Executor").priority("high").status("backlog").labels("deployment")
                .dependsOn("TASK-A1", "TASK-A2").writeTo(work, "tasks/backlog");
        task("TASK-B2", "Honey Infrastructure Monitor").priority("high").status("backlog").labels("health")
                .dependsOn("TASK-A1", "TASK-A2").writeTo(work, "tasks/backlog");
        String first = remote.publish("Plan phases 1 and 2");

        ExecutionOptions options = new ExecutionOptions(false, List.of(1, 2), false);
        handle(runId, new ScanRequested("", "", false, "test", options));
        List<Envelope<EventData>> scan = log.readToEnd();

        assertThat(data(scan, runId, TaskReady.class)).extracting(r -> r.task().id(), TaskReady::queuePosition,
                TaskReady::commit, TaskReady::options).containsExactlyInAnyOrder(
                        tuple("TASK-A1", 1, first, options),
                        tuple("TASK-A2", 2, first, options));
        assertThat(data(scan, runId, TaskWaiting.class)).extracting(w -> w.task().id(), TaskWaiting::waitingOn)
                .containsExactlyInAnyOrder(tuple("TASK-B1", List.of("TASK-A1", "TASK-A2")),
                        tuple("TASK-B2", List.of("TASK-A1", "TASK-A2")));
        assertThat(data(scan, runId, ScanCompleted.class)).singleElement().satisfies(done -> {
            assertThat(done.ready()).containsExactly("TASK-A1", "TASK-A2");
            assertThat(done.waiting()).containsExactly("TASK-B1", "TASK-B2");
        });

        TaskText.archive(work, "tasks/active/TASK-A1.md");
        String a1Archived = remote.commitAndPush("TASK-A1: all criteria verified, archived");
        handle("TASK-A1", new TaskCompleted("CI Pipeline Optimizer", a1Archived, "tasks/completed/TASK-A1.md", 1));
        assertThat(log.readToEnd()).as("nothing released while TASK-A2 is open").hasSameSizeAs(scan);

        TaskText.archive(work, "tasks/active/TASK-A2.md");
        String a2Archived = remote.commitAndPush("TASK-A2: all criteria verified, archived");
        handle("TASK-A2", new TaskCompleted("Kubernetes Prerequisite Installer", a2Archived,
                "tasks/completed/TASK-A2.md", 1));
        List<Envelope<EventData>> released = log.readToEnd().subList(scan.size(), scan.size() + 2);

        assertThat(released).allSatisfy(e -> assertThat(e.runId()).isEqualTo(runId));
        assertThat(data(released, runId, TaskReady.class)).extracting(r -> r.task().id(), TaskReady::queuePosition,
                TaskReady::commit).containsExactlyInAnyOrder(tuple("TASK-B1", 1, a2Archived),
                        tuple("TASK-B2", 2, a2Archived));
        assertThat(log.readToEnd()).hasSize(scan.size() + 2);
    }

    /** Seed 000: TASK-005 done releases TASK-002, not TASK-003 behind it, nor TASK-006 already announced. */
    @Test
    void aCompletedTaskReleasesOnlyTheTasksThatWaitedOnIt() throws Exception {
        Path work = remote.workTree();
        task("TASK-002", "Rebuild and push all service images").priority("critical").labels("builds", "registry")
                .dependsOn("TASK-005").writeTo(work, "tasks/active");
        task("TASK-005", "Investigate triager build failure").priority("high").status("backlog").labels("builds")
                .writeTo(work, "tasks/backlog");
        task("TASK-003", "Flux reconciliation and verification").priority("high").status("backlog")
                .labels("deployment", "flux").dependsOn("TASK-002").writeTo(work, "tasks/backlog");
        task("TASK-006", "Verify registry catalog").priority("medium").status("backlog").labels("health")
                .writeTo(work, "tasks/backlog");
        remote.publish("Backlog after the 2025-10-17 session");
        handle(runId, new ScanRequested("", "", false, "test", ExecutionOptions.defaults()));
        int before = log.readToEnd().size();

        TaskText.archive(work, "tasks/backlog/TASK-005.md");
        String archived = remote.commitAndPush("TASK-005: all criteria verified, archived");
        handle("TASK-005", new TaskCompleted("Investigate triager build failure", archived,
                "tasks/completed/TASK-005.md", 2));

        List<Envelope<EventData>> after = log.readToEnd();
        assertThat(after).hasSize(before + 1);
        assertThat(after.get(before).subject()).isEqualTo("TASK-002");
        assertThat(after.get(before).data()).isInstanceOfSatisfying(TaskReady.class, r -> {
            assertThat(r.task().path()).isEqualTo("tasks/active/TASK-002.md");
            assertThat(r.task().taskType()).isEqualTo("build");
            assertThat(r.queuePosition()).isEqualTo(1);
            assertThat(r.commit()).isEqualTo(archived);
        });
    }

    @Test
    void eventsTheScannerDoesNotAnswerAreSkipped() throws Exception {
        task("TASK-001", "Point builds at the new registry").writeTo(remote.workTree(), "tasks/active");
        remote.publish("One task");

        handle("TASK-001", new ScanCompleted("repo", "main", "abc", List.of("TASK-001"), List.of(), List.of(),
                List.of(), List.of(), List.of(), false, ""));

        assertThat(log.readToEnd()).isEmpty();
    }

    @Test
    void aLaterScanRequestAnnouncesOnlyWhatChangedSinceTheLastScan() throws Exception {
        task("TASK-001", "Point builds at the new registry").writeTo(remote.workTree(), "tasks/active");
        remote.publish("One task");
        ScanRequested request = new ScanRequested("", "", false, "test", ExecutionOptions.defaults());
        handle(runId, request);

        task("TASK-004", "Audit LoadBalancer IPs").priority("critical").writeTo(remote.workTree(), "tasks/active");
        String newest = remote.commitAndPush("Add TASK-004");
        handle(runId, request);

        List<ScanCompleted> scans = data(log.readToEnd(), runId, ScanCompleted.class);
        assertThat(scans).extracting(ScanCompleted::ready).containsExactly(List.of("TASK-001"), List.of("TASK-004"));
        assertThat(scans.get(1).commit()).isEqualTo(newest);
        assertThat(scans.get(1).incremental()).isTrue();
        assertThat(scans.get(1).previousCommit()).isEqualTo(scans.get(0).commit());
    }

    private void handle(String subject, EventData data) throws Exception {
        Consumed record = new Consumed(Envelope.of(TEST, subject, runId, data), 0, offset);
        assertThat(worker.handle(List.of(record), offset + 1, true)).as("offset to resume from").isEqualTo(offset + 1);
        offset++;
    }
}
