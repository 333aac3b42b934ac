package io.taskstream.scanner;

import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.data.TaskCompleted;
import io.taskstream.events.data.TaskReady;
import io.taskstream.scanner.testing.DeployedScanner;
import io.taskstream.scanner.testing.TaskText;
import io.taskstream.testkit.BrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.taskstream.scanner.testing.TaskText.task;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task released by its dependency's completion runs the way its run was requested (a dry run stays a dry
 * run), also when the run's scan.requested and the completion sit on different partitions.
 */
@Timeout(180)
class ReleasedOptionsTest {
    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    @TempDir
    Path dir;

    @Test
    void aReleasedTaskKeepsTheOptionsOfItsRun() throws Exception {
        String runId;
        do {
            runId = ScanRequests.newRunId();
        } while (DeployedScanner.partitionOf(runId) == DeployedScanner.partitionOf("TASK-005"));
        String run = runId;
        try (DeployedScanner scanner = new DeployedScanner(kafka.broker(), dir)) {
            Path work = scanner.remote().workTree();
            task("TASK-005", "Investigate triager build failure").priority("high").labels("builds")
                    .writeTo(work, "tasks/active");
            task("TASK-002", "Rebuild and push all service images").priority("critical").status("backlog")
                    .labels("builds").dependsOn("TASK-005").writeTo(work, "tasks/backlog");
            scanner.remote().publish("A task and its dependant");
            scanner.deploy();
            ExecutionOptions dryRun = new ExecutionOptions(true, List.of(1), true);

            scanner.requestScan(run, false, dryRun);
            scanner.log().awaitMatching(e -> e.runId().equals(run) && e.data() instanceof TaskReady r
                    && r.task().id().equals("TASK-005"), 1);
            TaskText.archive(work, "tasks/active/TASK-005.md");
            String archived = scanner.remote().commitAndPush("TASK-005: all criteria verified, archived");
            scanner.publish("TASK-005", run, new TaskCompleted("Investigate triager build failure", archived,
                    "tasks/completed/TASK-005.md", 1));

            TaskReady released = (TaskReady) scanner.log().awaitMatching(e -> e.runId().equals(run)
                    && e.data() instanceof TaskReady r && r.task().id().equals("TASK-002"), 1).get(0).data();
            assertThat(released.commit()).isEqualTo(archived);
            assertThat(released.options()).isEqualTo(dryRun);
        }
    }
}
