package io.taskstream.launcher.faults;

import io.taskstream.events.data.CriterionVerified;
import io.taskstream.events.data.EventData;
import io.taskstream.events.data.TaskCompleted;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Topics;
import io.taskstream.launcher.pipeline.Service;
import io.taskstream.testkit.EventLog;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Case 6: while the verifier records a run, another git client pushes to the task repo's main each time a
 * criterion is verified, so the verifier's pushes are rejected and built again on the other writer's commits.
 */
@Tag("fault")
@ExtendWith(CaseTimer.class)
class ConcurrentWriterFaultTest {
    private static final String PREFIX = "writer";
    private static final int TASKS = 5;
    private static final int CRITERIA = 6;
    private static final int OTHER_PUSHES = 15;

    @Test
    void pushesRejectedBecauseAnotherWriterMovedMainAreRebuiltAndNothingIsLost(@TempDir Path tmp) throws Exception {
        String bootstrap = SharedBroker.bootstrapServers();
        CountingRepo repo = CountingRepo.create(tmp.resolve("repo"), TASKS, CRITERIA, "0.5", Map.of());
        List<ObjectId> theirs = new ArrayList<>();
        try (InProcessPipeline pipeline = new InProcessPipeline(InProcessPipeline.config(bootstrap, PREFIX, repo, tmp, 1,
                null), EnumSet.allOf(Service.class));
             EventLog log = InProcessPipeline.eventLog(bootstrap, Topics.withPrefix(PREFIX).events(), false)) {
            // the other writer's clone is made (and JGit warmed up) before the run, so its pushes land during it
            theirs.add(repo.pushAsAnotherWriter("Notes 0 by another writer",
                    Map.of("notes/other-0.md", "note 0\n".getBytes(StandardCharsets.UTF_8))));
            String runId = InProcessPipeline.requestScan(bootstrap, PREFIX);
            long[] seen = {0};
            while (theirs.size() <= OTHER_PUSHES) {
                boolean[] over = {false};
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> {
                    List<Envelope<EventData>> events = log.events();
                    over[0] = events.stream().filter(e -> e.runId().equals(runId) && e.data() instanceof TaskCompleted).count() >= TASKS;
                    long verified = events.stream().filter(e -> e.data() instanceof CriterionVerified).count();
                    if (verified > seen[0]) {
                        seen[0] = verified;
                        return true;
                    }
                    return over[0];
                });
                if (over[0]) {
                    break;
                }
                int n = theirs.size();
                System.out.println("push " + n + " after " + seen[0] + " verified");
                theirs.add(repo.pushAsAnotherWriter("Notes " + n + " by another writer",
                        Map.of("notes/other-" + n + ".md", ("note " + n + "\n").getBytes(StandardCharsets.UTF_8))));
            }
            System.out.println("the other writer pushed " + (theirs.size() - 1) + " commits during the run");

            List<Envelope<EventData>> events = InProcessPipeline.awaitTasksDone(log, runId, TASKS, Duration.ofMinutes(2));
            Ledger ledger = new Ledger(repo, log.readToEnd(), runId);
            assertThat(theirs).as("the other writer pushed while the run went on").hasSizeGreaterThan(1);
            for (ObjectId commit : theirs) {
                assertThat(repo.onMain(commit)).as("the other writer's %s is on main", commit.name()).isTrue();
            }
            assertThat(repo.tasksNotDone()).as("tasks whose boxes are not all checked on the remote").isEmpty();
            assertThat(ledger.lost()).as("criteria never verified").isEmpty();
            assertThat(ledger.verifiedTwice()).isEmpty();
            // The verifier builds on the last commit it pushed and fetches only when a push is rejected: a commit of
            // its on top of the other writer's is one that was rejected and built again.
            long rebuilt = repo.commitsOnAnotherWritersCommit("Notes ");
            System.out.println("pipeline commits built again on the other writer's: " + rebuilt + "; main, newest first:\n"
                    + String.join("\n", repo.history().stream().map(m -> m.lines().findFirst().orElse("")).toList()));
            assertThat(rebuilt).as("pushes rejected and built again on the other writer's commit").isPositive();
            assertThat(repo.history().stream().filter(m -> m.startsWith("Notes ")).count()).isEqualTo(theirs.size());
            assertThat(events).isNotEmpty();
        }
    }
}
