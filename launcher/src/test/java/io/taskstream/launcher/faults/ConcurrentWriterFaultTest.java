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
    private static final int TASKS = 10;
    private static final int CRITERIA = 3;
    private static final int OTHER_PUSHES = 15;

    @Test
    void pushesRejectedBecauseAnotherWriterMovedMainAreRebuiltAndNothingIsLost(@TempDir Path tmp) throws Exception {
        String bootstrap = SharedBroker.bootstrapServers();
        CountingRepo repo = CountingRepo.create(tmp.resolve("repo"), TASKS, CRITERIA, "0.1", Map.of());
        List<ObjectId> theirs = new ArrayList<>();
        try (InProcessPipeline pipeline = new InProcessPipeline(InProcessPipeline.config(bootstrap, PREFIX, repo, tmp, 1,
                null), EnumSet.allOf(Service.class));
             EventLog log = new EventLog(bootstrap, Topics.withPrefix(PREFIX).events())) {
            String runId = InProcessPipeline.requestScan(bootstrap, PREFIX);
            long[] seen = {0};
            while (theirs.size() < OTHER_PUSHES) {
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
                int n = theirs.size() + 1;
                theirs.add(repo.pushAsAnotherWriter("Notes " + n + " by another writer",
                        Map.of("notes/other-" + n + ".md", ("note " + n + "\n").getBytes(StandardCharsets.UTF_8))));
            }
            System.out.println("the other writer pushed " + theirs.size() + " commits during the run");

            List<Envelope<EventData>> events = InProcessPipeline.awaitTasksDone(log, runId, TASKS, Duration.ofMinutes(2));
            Ledger ledger = new Ledger(repo, log.readToEnd(), runId);
            assertThat(theirs).as("the other writer pushed while the run went on").isNotEmpty();
            for (ObjectId commit : theirs) {
                assertThat(repo.onMain(commit)).as("the other writer's %s is on main", commit.name()).isTrue();
            }
            assertThat(repo.tasksNotDone()).as("tasks whose boxes are not all checked on the remote").isEmpty();
            assertThat(ledger.lost()).as("criteria never verified").isEmpty();
            assertThat(ledger.verifiedTwice()).isEmpty();
            assertThat(repo.history().stream().filter(m -> m.startsWith("Notes ")).count()).isEqualTo(theirs.size());
            assertThat(events).isNotEmpty();
        }
    }
}
