package io.taskstream.launcher.faults;

import io.taskstream.events.data.CriterionCompleted;
import io.taskstream.events.data.EventData;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Topics;
import io.taskstream.launcher.pipeline.Service;
import io.taskstream.testkit.EventLog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Case 2: the broker, a process of its own, is killed (SIGKILL) mid-run and started again on the same data
 * directory and ports; the services (in this JVM) ride it out.
 */
@Tag("fault")
@Tag("slow")
@ExtendWith(CaseTimer.class)
class BrokerRestartFaultTest {
    private static final String PREFIX = "restart";
    private static final int TASKS = 30;
    private static final int CRITERIA = 4;

    @Test
    void aBrokerKilledAndRestartedMidRunLosesNothingAndRunsNoPublishedResultAgain(@TempDir Path tmp) throws Exception {
        CountingRepo repo = CountingRepo.create(tmp.resolve("repo"), TASKS, CRITERIA, "0.2", Map.of());
        try (BrokerProcess broker = BrokerProcess.start(tmp.resolve("broker"));
             InProcessPipeline pipeline = new InProcessPipeline(InProcessPipeline.config(broker.bootstrapServers(), PREFIX,
                     repo, tmp, 2, null), EnumSet.allOf(Service.class));
             EventLog log = InProcessPipeline.eventLog(broker.bootstrapServers(), Topics.withPrefix(PREFIX).events(), false)) {
            String runId = InProcessPipeline.requestScan(broker.bootstrapServers(), PREFIX);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> log.events().stream()
                    .filter(e -> e.data() instanceof CriterionCompleted).count() >= TASKS * CRITERIA / 4);
            broker.kill();
            broker.startAgain();

            InProcessPipeline.awaitTasksDone(log, runId, TASKS, Duration.ofMinutes(3));
            List<Envelope<EventData>> events = log.readToEnd();
            Ledger ledger = new Ledger(repo, events, runId);
            System.out.println("broker restart, ran twice:\n" + ledger.describeRanTwice());

            assertThat(ledger.lost()).as("criteria never verified").isEmpty();
            assertThat(repo.tasksNotDone()).as("tasks whose boxes are not all checked on the remote").isEmpty();
            assertThat(ledger.publishedAndRunAgain()).as("criteria run again after their result was published").isEmpty();
            assertThat(ledger.verifiedTwice()).as("criteria with more than one criterion.verified").isEmpty();
            await().atMost(Duration.ofSeconds(30)).until(() -> repo.leakedProcesses() == 0);
        }
    }
}
