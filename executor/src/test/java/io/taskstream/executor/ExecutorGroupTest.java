package io.taskstream.executor;

import io.taskstream.testkit.BrokerExtension;
import io.taskstream.testkit.EventLog;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.runtime.kafka.KafkaClientConfig;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Several executor instances in one consumer group: work is spread, nothing is lost, nothing succeeded runs twice. */
class ExecutorGroupTest {
    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();
    private final List<Vertx> instances = new ArrayList<>();
    private Topics topics;
    private EventPublisher publisher;
    @TempDir
    Path workspace;

    @BeforeEach
    void topics() {
        topics = Topics.withPrefix("grp-" + UUID.randomUUID().toString().substring(0, 8));
        kafka.createTopics(topics.layout(6));
        publisher = new EventPublisher(kafka.bootstrapServers(), "test", new EventCodec());
    }

    @AfterEach
    void stop() throws Exception {
        publisher.close();
        for (Vertx v : instances) {
            v.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    private ExecutorVerticle startInstance(String name) throws Exception {
        return startInstance(name, 3);
    }

    private ExecutorVerticle startInstance(String name, int concurrency) throws Exception {
        Vertx vertx = Vertx.vertx();
        instances.add(vertx);
        ExecutorVerticle verticle = new ExecutorVerticle(ExecutorConfig.defaults(
                KafkaClientConfig.of(kafka.bootstrapServers(), topics.events().replace(".events", "")), name, workspace)
                .withConcurrency(concurrency));
        vertx.deployVerticle(verticle)
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        return verticle;
    }

    private String group() {
        return ExecutorVerticle.group(topics.events().replace(".events", ""));
    }

    /** Every instance holds partitions: the group has settled. */
    private void awaitGroupOf(int members) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(group()))
                        .all().get().get(group());
                return group.members().size() == members && group.members().stream()
                        .allMatch(m -> !m.assignment().topicPartitions().isEmpty());
            });
        }
    }

    private void ready(String taskId, String... commands) {
        List<CriterionSpec> criteria = new ArrayList<>();
        for (int i = 0; i < commands.length; i++) {
            criteria.add(new CriterionSpec(i + 1, "criterion " + (i + 1), 10 + i, false, List.of(commands[i]), "",
                    Map.of(), 0, List.of("true"), List.of(), List.of()));
        }
        TaskSnapshot task = new TaskSnapshot(taskId, "task " + taskId, "medium", "active",
                "tasks/active/" + taskId + ".md", List.of(), List.of(), "general", criteria);
        publisher.publishAndWait(topics.events(), Envelope.of(Source.of("test", "1"), taskId, "run-1",
                new TaskReady(task, "0123456789abcdef0123456789abcdef01234567", 1, ExecutionOptions.defaults())));
    }

    private Map<String, Long> ranLines() throws Exception {
        Path log = workspace.resolve("ran.log");
        if (!Files.exists(log)) {
            return Map.of();
        }
        return Files.readAllLines(log).stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void threeInstancesShareThirtyTasksAndRunEveryCriterionOnce() throws Exception {
        for (int i = 1; i <= 3; i++) {
            startInstance("executor-" + i);
        }
        awaitGroupOf(3);
        for (int t = 1; t <= 30; t++) {
            ready("TASK-" + t, "echo TASK-" + t + "/1 >> ran.log", "echo TASK-" + t + "/2 >> ran.log");
        }
        try (EventLog log = new EventLog(kafka.bootstrapServers(), topics.events())) {
            await().atMost(Duration.ofSeconds(90)).until(() -> log.of(CriterionCompleted.class).size() >= 60);
            assertThat(log.of(CriterionCompleted.class)).hasSize(60);
            assertThat(log.of(CriterionStarted.class)).hasSize(60);
            assertThat(log.of(CriterionStarted.class).stream().map(CriterionStarted::executor).distinct())
                    .as("work spread over more than one instance").hasSizeGreaterThan(1);
        }
        Map<String, Long> ran = ranLines();
        assertThat(ran).hasSize(60).allSatisfy((line, count) -> assertThat(count).as(line).isEqualTo(1L));
    }

    @Test
    void oneInstanceRunsAsManyTasksAtOnceAsItsConcurrencyEvenOnOnePartition() throws Exception {
        startInstance("executor-1", 8);
        // Each command waits until all eight have started: they only finish if the eight run side by side.
        String rendezvous = "touch started.$TASK; for i in $(seq 1 300); do [ $(ls started.* | wc -l) -ge 8 ] && exit 0;"
                + " sleep 0.1; done; exit 1";
        List<String> ids = new ArrayList<>();
        for (int t = 1; ids.size() < 8; t++) {
            String id = "TASK-" + t;
            if (partitionOf(id) == partitionOf("TASK-1")) {
                ids.add(id);
            }
        }
        ids.forEach(id -> ready(id, "TASK=" + id + "; " + rendezvous));
        try (EventLog log = new EventLog(kafka.bootstrapServers(), topics.events())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> log.of(CriterionCompleted.class).size()
                    + log.of(CriterionFailed.class).size() >= 8);
            assertThat(log.of(CriterionFailed.class)).as("no task waited for another").isEmpty();
            assertThat(log.of(CriterionCompleted.class)).hasSize(8);
        }
    }

    private int partitionOf(String key) {
        return org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % 6;
    }

    @Test
    void instancesJoiningAndLeavingMidRunLoseNothingAndRepeatNothing() throws Exception {
        startInstance("executor-1");
        ExecutorVerticle leaving = startInstance("executor-2");
        for (int t = 1; t <= 30; t++) {
            ready("TASK-" + t, "echo TASK-" + t + "/1 >> ran.log; sleep 0.05", "echo TASK-" + t + "/2 >> ran.log");
        }
        try (EventLog log = new EventLog(kafka.bootstrapServers(), topics.events())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> log.of(CriterionCompleted.class).size() >= 10);
            startInstance("executor-3");
            leaving.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(90)).until(() -> log.of(CriterionCompleted.class).size() >= 60);
            assertThat(log.of(CriterionCompleted.class)).hasSize(60);
        }
        assertThat(ranLines()).hasSize(60).allSatisfy((line, count) -> assertThat(count).as(line).isEqualTo(1L));
    }

    @Test
    void aCrashAfterACriterionPublishedItsResultDoesNotRunItAgain() throws Exception {
        ExecutorVerticle crashing = startInstance("executor-1");
        // The second criterion hangs the first time only: the crash interrupts it there.
        ready("TASK-1", "echo c1 >> ran.log",
                "echo c2-started >> ran.log; [ $(grep -c c2-started ran.log) -ge 2 ] || sleep 600",
                "echo c3 >> ran.log");
        try (EventLog log = new EventLog(kafka.bootstrapServers(), topics.events())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> log.of(CriterionStarted.class).size() == 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> ranLines().containsKey("c2-started"));
            crashing.crash().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(log.of(CriterionCompleted.class)).singleElement()
                    .extracting(CriterionCompleted::criterion).isEqualTo(1);

            startInstance("executor-2");
            await().atMost(Duration.ofSeconds(60)).until(() -> log.of(CriterionCompleted.class).size() >= 3);
            assertThat(log.of(CriterionCompleted.class)).extracting(CriterionCompleted::criterion).containsExactly(1, 2, 3);
            List<CriterionStarted> started = log.of(CriterionStarted.class);
            assertThat(started.get(2).criterion()).as("the interrupted attempt is the one run again").isEqualTo(2);
            assertThat(started.get(2).executor()).isEqualTo("executor-2");
            assertThat(started).noneMatch(s -> s.criterion() == 1 && s.executor().equals("executor-2"));
        }
        assertThat(ranLines()).containsEntry("c1", 1L).containsEntry("c2-started", 2L).containsEntry("c3", 1L);
    }
}
