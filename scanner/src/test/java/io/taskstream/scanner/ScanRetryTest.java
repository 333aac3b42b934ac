package io.taskstream.scanner;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.EventData;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.data.ScanCompleted;
import io.taskstream.events.data.ScanRequested;
import io.taskstream.events.data.TaskInvalid;
import io.taskstream.events.data.TaskReady;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.runtime.kafka.Consumed;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.scanner.scan.IncrementalScanner;
import io.taskstream.scanner.testing.GitRemote;
import io.taskstream.testkit.BrokerExtension;
import io.taskstream.testkit.EventLog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import static io.taskstream.scanner.testing.TaskText.task;
import static io.taskstream.testkit.EventLog.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A scan whose events the broker refuses in part (the topic's record limit was lowered under the running
 * scanner): the request fails and is handled again, and the retry announces what changed since the last
 * scan that did reach the log, without publishing again what the failed attempt already got onto it.
 */
@Timeout(180)
class ScanRetryTest {
    private static final URI TEST = Source.of("test", "1");
    private static final String PROBE_RUN = "probe";
    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    @TempDir
    Path dir;
    private Topics topics;
    private GitRemote remote;
    private GitTaskRepo clone;
    private EventPublisher publisher;
    private EventLog log;
    private Admin admin;
    private ScannerWorker worker;
    private long offset;

    @BeforeEach
    void wire() throws Exception {
        topics = Topics.withPrefix("retry-" + UUID.randomUUID());
        kafka.createTopics(topics.layout(3));
        remote = GitRemote.init(dir);
        clone = new GitTaskRepo(remote.url(), "main", dir.resolve("cache"),
                new GitTaskRepo.Identity("Taskstream Scanner", "scanner@taskstream.invalid"));
        publisher = new EventPublisher(kafka.bootstrapServers(), "scanner-test", new EventCodec());
        log = new EventLog(kafka.bootstrapServers(), topics.events());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        worker = new ScannerWorker(new IncrementalScanner(clone), "main", publisher, topics,
                Source.of("scanner", "test"), remote.url());
    }

    @AfterEach
    void unwire() {
        admin.close();
        log.close();
        publisher.close();
        clone.close();
        remote.close();
    }

    @Test
    void aRetriedScanAnnouncesWhatChangedOnceAndRepeatsNothing() throws Exception {
        Path work = remote.workTree();
        task("TASK-001", "Point builds at the new registry").writeTo(work, "tasks/active");
        String first = remote.publish("One task");
        handle(ScanRequests.newRunId(), false);

        task("TASK-002", "Audit LoadBalancer IPs").priority("critical").writeTo(work, "tasks/active");
        task("TASK-003", "Rotate the registry certificate").priority("high").criteria(
                "- [ ] " + "Renew the certificate for every registry name. ".repeat(400) + "\n"
                        + "  - run: `true`\n").writeTo(work, "tasks/active");
        String second = remote.commitAndPush("Add TASK-002 and TASK-003");
        String runId = ScanRequests.newRunId();
        Consumed request = request(runId, false);

        limitRecordsTo(8192);
        assertThatThrownBy(() -> worker.handle(List.of(request), request.offset() + 1, true))
                .as("the broker refuses TASK-003's task.ready").isInstanceOf(EventPublisher.PublishException.class);
        List<Envelope<EventData>> failed = log.readToEnd();
        assertThat(data(failed, runId, TaskReady.class)).extracting(r -> r.task().id())
                .as("what reached the log before the refusal").contains("TASK-002").doesNotContain("TASK-003");

        unlimitRecords();
        assertThat(worker.handle(List.of(request), request.offset() + 1, true)).isEqualTo(request.offset() + 1);

        List<Envelope<EventData>> events = log.readToEnd();
        assertThat(data(events, runId, TaskReady.class)).extracting(r -> r.task().id(), TaskReady::commit)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("TASK-002", second),
                        org.assertj.core.groups.Tuple.tuple("TASK-003", second));
        assertThat(data(events, runId, ScanCompleted.class)).singleElement().satisfies(done -> {
            assertThat(done.ready()).containsExactly("TASK-002", "TASK-003");
            assertThat(done.commit()).isEqualTo(second);
            assertThat(done.previousCommit()).as("the scanned commit did not move with the failed attempt")
                    .isEqualTo(first);
        });
    }

    private void handle(String runId, boolean full) throws Exception {
        Consumed record = request(runId, full);
        assertThat(worker.handle(List.of(record), record.offset() + 1, true)).isEqualTo(record.offset() + 1);
    }

    private Consumed request(String runId, boolean full) {
        return new Consumed(Envelope.of(TEST, runId, runId,
                new ScanRequested("", "", full, "test", ExecutionOptions.defaults())), 0, offset++);
    }

    /** Lowers the topic's record limit and waits until the broker enforces it. */
    private void limitRecordsTo(int bytes) {
        alter(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(bytes)),
                AlterConfigOp.OpType.SET));
        await().atMost(Duration.ofSeconds(30)).until(() -> !probeAccepted());
    }

    private void unlimitRecords() {
        alter(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""), AlterConfigOp.OpType.DELETE));
        await().atMost(Duration.ofSeconds(30)).until(this::probeAccepted);
    }

    private void alter(AlterConfigOp op) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topics.events());
        admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().toCompletionStage().toCompletableFuture()
                .join();
    }

    /** Whether a 12 kB event of a run of its own gets onto the topic. */
    private boolean probeAccepted() {
        try {
            publisher.publish(topics.events(), Envelope.of(TEST, "probe", PROBE_RUN,
                    new TaskInvalid("probe.md", 0, "x".repeat(12_000), "probe"))).join();
            return true;
        } catch (CompletionException e) {
            return false;
        }
    }
}
