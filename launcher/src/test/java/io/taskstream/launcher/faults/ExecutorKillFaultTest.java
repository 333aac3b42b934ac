package io.taskstream.launcher.faults;

import io.taskstream.events.data.CriterionCompleted;
import io.taskstream.events.data.CriterionStarted;
import io.taskstream.events.data.EventData;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Topics;
import io.taskstream.kafka.embedded.EmbeddedKafka;
import io.taskstream.launcher.Taskstream;
import io.taskstream.launcher.pipeline.Service;
import io.taskstream.testkit.EventLog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Case 1: three executor processes share the run; one is killed (SIGKILL) while it runs criteria. Its partitions
 * move to the others once the group notices (the session timeout), and only what it had started and not
 * published runs again.
 */
@Tag("fault")
@Tag("slow")
@ExtendWith(CaseTimer.class)
class ExecutorKillFaultTest {
    private static final String PREFIX = "kill";
    private static final int TASKS = 30;
    private static final int CRITERIA = 4;

    @Test
    void killingOneOfThreeExecutorsMidRunLosesNothingAndRerunsOnlyWhatWasInterrupted(@TempDir Path tmp) throws Exception {
        CountingRepo repo = CountingRepo.create(tmp.resolve("repo"), TASKS, CRITERIA, "0.4", Map.of());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); EventLog log = new EventLogOnce(kafka, PREFIX).log) {
            String bootstrap = kafka.bootstrapServers();
            List<ChildJvm> executors = new ArrayList<>();
            try (InProcessPipeline rest = new InProcessPipeline(InProcessPipeline.config(bootstrap, PREFIX, repo, tmp, 1, null),
                    EnumSet.of(Service.SCANNER, Service.VERIFIER, Service.REPORTER))) {
                for (int i = 1; i <= 3; i++) {
                    executors.add(ChildJvm.start("executor-" + i, tmp.resolve("logs"), "running", Taskstream.class.getName(),
                            List.of("run", "--services", "executor", "--bootstrap-servers", bootstrap, "--topic-prefix",
                                    PREFIX, "--task-repo", repo.url, "--workspace", repo.workspace.toString(),
                                    "--state-dir", tmp.resolve("state-" + i).toString(), "--reports",
                                    tmp.resolve("reports-" + i).toString(), "--retry-backoff-ms", "200")));
                }
                String runId = InProcessPipeline.requestScan(bootstrap, PREFIX);

                // Kill the first executor that has an attempt running, once a quarter of the criteria completed.
                ChildJvm[] victim = new ChildJvm[1];
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    List<Envelope<EventData>> events = log.events();
                    if (events.stream().filter(e -> e.data() instanceof CriterionCompleted).count() < TASKS * CRITERIA / 4) {
                        return false;
                    }
                    Set<String> finished = new HashSet<>();
                    events.forEach(e -> {
                        if (e.data() instanceof CriterionCompleted c) {
                            finished.add(c.attemptId());
                        }
                    });
                    for (ChildJvm executor : executors) {
                        String pid = "-" + executor.pid();
                        boolean running = events.stream().anyMatch(e -> e.data() instanceof CriterionStarted s
                                && s.executor().endsWith(pid) && !finished.contains(s.attemptId()));
                        if (running) {
                            victim[0] = executor;
                            return true;
                        }
                    }
                    return false;
                });
                victim[0].kill();
                System.out.println("killed " + victim[0].name + " (pid " + victim[0].pid() + ")");

                List<Envelope<EventData>> events = InProcessPipeline.awaitTasksDone(log, runId, TASKS, Duration.ofMinutes(3));
                for (ChildJvm executor : executors) {
                    executor.close();
                }
                Ledger ledger = new Ledger(repo, log.readToEnd(), runId);
                System.out.println("executor kill, ran twice:\n" + ledger.describeRanTwice());

                assertThat(ledger.lost()).as("criteria never verified").isEmpty();
                assertThat(repo.tasksNotDone()).as("tasks whose boxes are not all checked on the remote").isEmpty();
                assertThat(ledger.publishedAndRunAgain()).as("criteria run again after their result was published").isEmpty();
                assertThat(ledger.verifiedTwice()).as("criteria verified twice").isEmpty();
                String victimPid = "-" + victim[0].pid();
                assertThat(ledger.ranTwice()).as("what ran twice was interrupted on the killed executor")
                        .allSatisfy(e -> assertThat(e.interrupted()).isNotEmpty()
                                .allMatch(s -> s.executor().endsWith(victimPid)));
                await().atMost(Duration.ofSeconds(30)).until(() -> repo.leakedProcesses() == 0);
            } finally {
                executors.forEach(ChildJvm::kill);
            }
        }
    }

    /** The run's event log, opened once the topics exist. */
    private static final class EventLogOnce {
        final EventLog log;

        EventLogOnce(EmbeddedKafka kafka, String prefix) {
            kafka.createTopics(Topics.withPrefix(prefix).layout(12));
            log = new EventLog(kafka.bootstrapServers(), Topics.withPrefix(prefix).events());
        }
    }
}
