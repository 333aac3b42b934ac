package io.taskstream.scanner;

import io.taskstream.events.data.EventData;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.data.ScanCompleted;
import io.taskstream.events.data.TaskInvalid;
import io.taskstream.events.data.TaskReady;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.scanner.testing.DeployedScanner;
import io.taskstream.scanner.testing.TaskText;
import io.taskstream.testkit.BrokerExtension;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.taskstream.scanner.testing.TaskText.task;
import static io.taskstream.testkit.EventLog.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task file under the file limit whose task.ready would be over the broker's record limit (a 700 KB title
 * of backslashes, which JSON escaping doubles): it is reported invalid with the reason, the task next to it
 * is announced, and the scan request is handled once, on an incremental and on a full scan.
 */
@Timeout(240)
class OversizedEventTest {
    private static final String BIG = "tasks/active/TASK-BIG.md";
    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    @TempDir
    Path dir;
    private DeployedScanner scanner;
    private Path work;

    @BeforeEach
    void wire() throws Exception {
        scanner = new DeployedScanner(kafka.broker(), dir);
        work = scanner.remote().workTree();
    }

    @AfterEach
    void unwire() throws Exception {
        scanner.close();
    }

    @Test
    void anIncrementalScanReportsTheOversizedTaskInvalidAndAnnouncesTheOther() throws Exception {
        task("TASK-001", "Point builds at the new registry").writeTo(work, "tasks/active");
        scanner.remote().publish("One task");
        scanner.deploy();
        String first = ScanRequests.newRunId();
        scanner.awaitHandled(scanner.requestScan(first, false, ExecutionOptions.defaults()));

        TaskText.write(work, BIG, backslashTitled("TASK-BIG", 700_000));
        task("TASK-002", "Audit LoadBalancer IPs").priority("critical").writeTo(work, "tasks/active");
        String pushed = scanner.remote().commitAndPush("Add TASK-002 and TASK-BIG");
        String second = ScanRequests.newRunId();
        RecordMetadata request = scanner.requestScan(second, false, ExecutionOptions.defaults());

        scanner.awaitHandled(request);
        List<Envelope<EventData>> events = scanner.log().readToEnd();
        assertThat(data(events, second, TaskReady.class)).extracting(r -> r.task().id()).containsExactly("TASK-002");
        assertOversizedIsInvalidOnce(events, second, pushed);
        assertThat(data(events, second, ScanCompleted.class)).singleElement().satisfies(done -> {
            assertThat(done.ready()).containsExactly("TASK-002");
            assertThat(done.invalid()).containsExactly(BIG);
            assertThat(done.incremental()).isTrue();
        });
    }

    @Test
    void aFullScanReportsEachInvalidFileOnceAndAnnouncesTheOther() throws Exception {
        TaskText.write(work, BIG, backslashTitled("TASK-BIG", 700_000));
        task("TASK-002", "Audit LoadBalancer IPs").priority("critical").writeTo(work, "tasks/active");
        TaskText.write(work, "tasks/backlog/TASK-008.md",
                task("TASK-008", "Clean up Docker on the runner").priority("urgent").render());
        String pushed = scanner.remote().publish("Backlog");
        scanner.deploy();
        String runId = ScanRequests.newRunId();
        RecordMetadata request = scanner.requestScan(runId, true, ExecutionOptions.defaults());

        scanner.awaitHandled(request);
        List<Envelope<EventData>> events = scanner.log().readToEnd();
        assertThat(data(events, runId, TaskReady.class)).extracting(r -> r.task().id()).containsExactly("TASK-002");
        assertOversizedIsInvalidOnce(events, runId, pushed);
        assertThat(data(events, runId, TaskInvalid.class)).extracting(TaskInvalid::path)
                .containsExactlyInAnyOrder(BIG, "tasks/backlog/TASK-008.md");
        assertThat(data(events, runId, ScanCompleted.class)).singleElement().satisfies(done -> {
            assertThat(done.ready()).containsExactly("TASK-002");
            assertThat(done.invalid()).containsExactlyInAnyOrder(BIG, "tasks/backlog/TASK-008.md");
            assertThat(done.incremental()).isFalse();
        });
    }

    private static void assertOversizedIsInvalidOnce(List<Envelope<EventData>> events, String runId, String commit) {
        assertThat(data(events, runId, TaskInvalid.class)).filteredOn(i -> i.path().equals(BIG)).singleElement()
                .satisfies(invalid -> {
                    assertThat(invalid.problem()).startsWith(
                            "task.ready would be 1.4 MB, over the 1 MiB the broker accepts: shorten the title");
                    assertThat(invalid.line()).isEqualTo(1);
                    assertThat(invalid.commit()).isEqualTo(commit);
                });
        assertThat(events).filteredOn(e -> e.subject().equals("TASK-BIG"))
                .allSatisfy(e -> assertThat(e.data()).isInstanceOf(TaskInvalid.class));
    }

    /** A well-formed task file whose front matter title is {@code length} backslashes. */
    static String backslashTitled(String id, int length) {
        return "---\nid: " + id + "\ntitle: " + "\\".repeat(length) + "\npriority: high\nstatus: active\n"
                + "labels: [verification]\ndepends_on: []\nupdated: 2025-10-17\n---\n\n# " + id + ": Long title\n\n"
                + "## Acceptance Criteria\n- [ ] Registry answers\n  - run: `curl -fs http://127.0.0.1:5000/v2/`\n\n"
                + "## Progress Log\n- 2025-10-17 09:30: Task created\n";
    }
}
