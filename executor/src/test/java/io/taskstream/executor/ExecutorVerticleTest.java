package io.taskstream.executor;

import io.taskstream.testkit.BrokerExtension;
import io.taskstream.testkit.ClientsSeen;
import io.taskstream.testkit.EventLog;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.runtime.kafka.KafkaClientConfig;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One executor against a real broker: what it runs, in which order, and what it publishes. */
class ExecutorVerticleTest {
    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();
    private Vertx vertx;
    private Topics topics;
    private EventPublisher publisher;
    @TempDir
    Path workspace;

    @AfterEach
    void stop() throws Exception {
        publisher.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private void startExecutor(UnaryOperator<ExecutorConfig> settings) throws Exception {
        topics = Topics.withPrefix("ex-" + UUID.randomUUID().toString().substring(0, 8));
        kafka.createTopics(topics.layout(3));
        publisher = new EventPublisher(kafka.bootstrapServers(), "test", new EventCodec());
        vertx = Vertx.vertx();
        ExecutorConfig config = ExecutorConfig.defaults(
                KafkaClientConfig.of(kafka.bootstrapServers(), topics.events().replace(".events", "")), "test-1",
                workspace).withRetryBackoff(Duration.ofMillis(100));
        vertx.deployVerticle(new ExecutorVerticle(settings.apply(config)))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static CriterionSpec criterion(int n, String run, List<Integer> needs) {
        return new CriterionSpec(n, "criterion " + n, 10 + n, false, run == null ? List.of() : List.of(run), "",
                Map.of(), 0, List.of("true"), needs, List.of());
    }

    private void ready(String taskId, List<CriterionSpec> criteria) {
        ready("run-1", taskId, criteria);
    }

    private void ready(String runId, String taskId, List<CriterionSpec> criteria) {
        ready(runId, taskId, criteria, ExecutionOptions.defaults());
    }

    private void ready(String runId, String taskId, List<CriterionSpec> criteria, ExecutionOptions options) {
        TaskSnapshot task = new TaskSnapshot(taskId, "a task", "high", "active", "tasks/active/" + taskId + ".md",
                List.of("builds"), List.of(), "build", criteria);
        publisher.publishAndWait(topics.events(), Envelope.of(Source.of("test", "1"), taskId, runId,
                new TaskReady(task, "0123456789abcdef0123456789abcdef01234567", 1, options)));
    }

    @Test
    void everyKafkaClientOfTheExecutorGetsTheClientProperties() throws Exception {
        startExecutor(c -> ExecutorConfig.defaults(new KafkaClientConfig(c.kafka().bootstrapServers(),
                c.kafka().topicPrefix(), ClientsSeen.properties()), "props-1", workspace));

        String group = ExecutorVerticle.group(topics.events().replace(".events", ""));
        assertThat(ClientsSeen.CLIENTS).contains("client executor-props-1", "group " + group,
                "group " + group + "-retry");
    }

    @Test
    void runsUncheckedCriteriaInOrderAndPublishesTheirOutcome() throws Exception {
        startExecutor(c -> c);
        ready("TASK-1", List.of(criterion(1, "echo one >> order.txt", List.of()),
                criterion(2, "echo two >> order.txt; echo done", List.of())));
        try (EventLog log = new EventLog(kafka.bootstrapServers(), topics.events())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> log.of(CriterionCompleted.class).size() == 2);
            assertThat(log.of(CriterionCompleted.class)).extracting(CriterionCompleted::criterion).containsExactly(1, 2);
            assertThat(log.of(CriterionCompleted.class).get(1).outputTail()).contains("done");
            assertThat(log.of(CriterionStarted.class)).allMatch(s -> s.attempt() == 1 && s.executor().equals("test-1"));
        }
        assertThat(Files.readAllLines(workspace.resolve("order.txt"))).containsExactly("one", "two");
    }

    @Test
    void aFailureIsRetriedThroughTheRetryTopicAndCanSucceed() throws Exception {
        startExecutor(c -> c.withMaxAttempts(2));
        ready("TASK-2", List.of(criterion(1, "test -f tried || { touch tried; echo first try fails; exit 3; }", List.of())));
        try (EventLog log = new EventLog(kafka.bootstrapServers(), topics.events())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !log.of(CriterionCompleted.class).isEmpty());
            CriterionFailed failed = log.of(CriterionFailed.class).get(0);
            assertThat(failed.exitCode()).isEqualTo(3);
            assertThat(failed.cause()).isEqualTo(FailureCause.RUN_FAILED);
            assertThat(failed.retryAt()).isNotNull();
            assertThat(log.of(CriterionRetry.class)).singleElement().extracting(CriterionRetry::attempt).isEqualTo(2);
            assertThat(log.of(CriterionCompleted.class)).singleElement().extracting(CriterionCompleted::attempt).isEqualTo(2);
        }
    }

    @Test
    void exhaustedFailureSkipsDependantsButIndependentCriteriaStillRun() throws Exception {
        startExecutor(c -> c.withMaxAttempts(2));
        ready("TASK-3", List.of(criterion(1, "exit 1", List.of()), criterion(2, "echo needs one", List.of(1)),
                criterion(3, "echo independent > independent.txt", List.of()), criterion(4, null, List.of())));
        try (EventLog log = new EventLog(kafka.bootstrapServers(), topics.events())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> log.of(CriterionSkipped.class).size() == 2);
            assertThat(log.of(CriterionFailed.class)).hasSize(2).last().satisfies(f -> assertThat(f.isFinal()).isTrue());
            assertThat(log.of(CriterionSkipped.class)).extracting(CriterionSkipped::criterion, CriterionSkipped::reason)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(2, SkipReason.NEED_FAILED),
                            org.assertj.core.groups.Tuple.tuple(4, SkipReason.NEEDS_HUMAN));
            assertThat(log.of(CriterionStarted.class)).noneMatch(s -> s.criterion() == 2);
        }
        assertThat(workspace.resolve("independent.txt")).exists();
        try (EventLog dead = new EventLog(kafka.bootstrapServers(), topics.deadLetter())) {
            List<CriterionFailed> exhausted = dead.awaitMatching(e -> e.data() instanceof CriterionFailed, 1).stream()
                    .map(e -> (CriterionFailed) e.data()).toList();
            assertThat(exhausted).as("what exhausted its attempts is dead-lettered too").singleElement()
                    .satisfies(f -> assertThat(f.criterion()).isEqualTo(1))
                    .satisfies(f -> assertThat(f.attempt()).isEqualTo(2));
        }
    }

    @Test
    void aCommandThatHangsIsKilledAtItsTimeout() throws Exception {
        startExecutor(c -> c.withMaxAttempts(1));
        CriterionSpec hang = new CriterionSpec(1, "hangs", 11, false, List.of("sleep 600"), "", Map.of(), 1,
                List.of(), List.of(), List.of());
        ready("TASK-4", List.of(hang));
        try (EventLog log = new EventLog(kafka.bootstrapServers(), topics.events())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !log.of(CriterionFailed.class).isEmpty());
            CriterionFailed failed = log.of(CriterionFailed.class).get(0);
            assertThat(failed.cause()).isEqualTo(FailureCause.TIMED_OUT);
            assertThat(failed.isFinal()).isTrue();
        }
    }

    @Test
    void aDirectoryOutsideTheWorkspaceIsRefusedBeforeAnythingRuns() throws Exception {
        startExecutor(c -> c);
        CriterionSpec escape = new CriterionSpec(1, "escapes", 11, false, List.of("touch escaped"), "../..", Map.of(),
                0, List.of(), List.of(), List.of());
        ready("TASK-5", List.of(escape));
        try (EventLog log = new EventLog(kafka.bootstrapServers(), topics.events())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !log.of(CriterionFailed.class).isEmpty());
            CriterionFailed failed = log.of(CriterionFailed.class).get(0);
            assertThat(failed.cause()).isEqualTo(FailureCause.SAFETY_CHECK);
            assertThat(failed.reason()).contains("leaves the workspace root");
            assertThat(failed.isFinal()).isTrue();
        }
    }

    @Test
    void secretsFromConfigReachTheCommandButNeverTheEvents() throws Exception {
        startExecutor(c -> c.withSecrets(Map.of("registry-token", "s3cr3t-v4lue-123")));
        CriterionSpec withSecret = new CriterionSpec(1, "uses a secret", 11, false,
                List.of("echo \"token is $REGISTRY_TOKEN\"; test \"$REGISTRY_TOKEN\" = s3cr3t-v4lue-123"), "",
                Map.of("REGISTRY_TOKEN", "${secret:registry-token}"), 0, List.of(), List.of(), List.of());
        ready("TASK-6", List.of(withSecret));
        try (EventLog log = new EventLog(kafka.bootstrapServers(), topics.events())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !log.of(CriterionCompleted.class).isEmpty());
            assertThat(log.of(CriterionCompleted.class).get(0).outputTail())
                    .contains("token is [REDACTED]").doesNotContain("s3cr3t-v4lue-123");
        }
    }

    @Test
    void aSecondRunOfATaskInProgressIsWithdrawnAndRunsNothing() throws Exception {
        startExecutor(c -> c);
        List<CriterionSpec> criteria = List.of(criterion(1, "echo once >> ran.txt", List.of()));
        ready("run-1", "TASK-7", criteria);
        ready("run-2", "TASK-7", criteria);
        ready("run-2", "TASK-8", List.of(criterion(1, "echo other >> other.txt", List.of())));
        try (EventLog log = new EventLog(kafka.bootstrapServers(), topics.events())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !log.of(TaskWithdrawn.class).isEmpty()
                    && log.of(CriterionCompleted.class).size() == 2);
            assertThat(log.of(TaskWithdrawn.class)).singleElement()
                    .satisfies(w -> assertThat(w.reason()).isEqualTo("already in progress in run run-1"));
            assertThat(log.events()).filteredOn(e -> e.data() instanceof TaskWithdrawn)
                    .singleElement().satisfies(e -> assertThat(e.runId()).isEqualTo("run-2"));
        }
        assertThat(Files.readAllLines(workspace.resolve("ran.txt"))).containsExactly("once");
    }

    @Test
    void aDryRunPlansEveryCriterionAndRunsNothing() throws Exception {
        startExecutor(c -> c.withSecrets(Map.of("token", "s3cr3t-v4lue-123")));
        CriterionSpec withEnv = new CriterionSpec(2, "pushes", 12, false, List.of("touch pushed"), "ffl",
                Map.of("TOKEN", "${secret:token}"), 60, List.of("test -f pushed"), List.of(1), List.of());
        CriterionSpec checked = new CriterionSpec(3, "done before", 13, true, List.of("touch again"), "",
                Map.of(), 0, List.of(), List.of(), List.of());
        ready("run-9", "TASK-9", List.of(criterion(1, "touch built", List.of()), withEnv, checked,
                criterion(4, null, List.of()), criterion(5, "touch filtered", List.of())),
                new ExecutionOptions(true, List.of(1, 2, 3, 4), false));
        try (EventLog log = new EventLog(kafka.bootstrapServers(), topics.events())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !log.of(TaskPlanned.class).isEmpty());
            assertThat(log.of(TaskPlanned.class).get(0).criteria()).extracting(PlannedCriterion::plan)
                    .containsExactly("run", "run", "already-done", "needs-human", "filtered");
            PlannedCriterion second = log.of(TaskPlanned.class).get(0).criteria().get(1);
            assertThat(second.commands()).containsExactly("touch pushed");
            assertThat(second.envNames()).containsExactly("TOKEN");
            assertThat(second.workingDir()).isEqualTo("ffl");
            assertThat(log.of(CriterionStarted.class)).isEmpty();
        }
        try (var files = Files.list(workspace)) {
            assertThat(files).as("nothing ran").isEmpty();
        }
    }
}
