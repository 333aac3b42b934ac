package io.taskstream.verifier;

import io.taskstream.runtime.kafka.KafkaClientConfig;
import io.taskstream.testkit.BrokerExtension;
import io.taskstream.testkit.EventLog;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.runtime.kafka.EventPublisher;
import io.vertx.core.Vertx;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** A real broker, a bare task repo and verifier instances deployed on their own Vert.x, per test. */
abstract class VerifierTestBase {
    static final String RUN = "run-1";
    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    @TempDir
    Path tmp;
    TaskRepoFixture remote;
    EventLog log;
    private String prefix;
    private Topics topics;
    private EventPublisher publisher;
    private final List<Vertx> verifiers = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        prefix = "ver-" + UUID.randomUUID().toString().substring(0, 8);
        topics = Topics.withPrefix(prefix);
        kafka.createTopics(topics.layout(3));
        publisher = new EventPublisher(kafka.bootstrapServers(), "test", new EventCodec());
        log = new EventLog(kafka.bootstrapServers(), topics.events());
        remote = new TaskRepoFixture(tmp.resolve("repo"));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Vertx vertx : verifiers) {
            stop(vertx);
        }
        log.close();
        publisher.close();
        remote.close();
    }

    static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(60));
    }

    /** Deploys one verifier instance with its own clone; all instances share the verifier group. */
    Vertx startVerifier(String instance) throws Exception {
        Vertx vertx = Vertx.vertx();
        verifiers.add(vertx);
        VerifierConfig config = VerifierConfig.defaults(KafkaClientConfig.of(kafka.bootstrapServers(), prefix), instance,
                remote.url(), tmp.resolve("clone-" + instance), tmp.resolve("workspace"));
        vertx.deployVerticle(new VerifierVerticle(config))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        return vertx;
    }

    void stop(Vertx vertx) throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    }

    static CriterionSpec criterion(int number, String text, String... verify) {
        return new CriterionSpec(number, text, 13 + number * 3, false, List.of("true"), "", Map.of(), 0,
                List.of(verify), List.of(), List.of());
    }

    static String path(String taskId) {
        return "tasks/active/" + taskId + ".md";
    }

    /** Pushes the task's file, as a person would have written it, and returns what a scan would have read. */
    TaskSnapshot seed(String taskId, CriterionSpec... criteria) throws Exception {
        StringBuilder text = new StringBuilder("---\nid: " + taskId + "\ntitle: A task\npriority: high\n"
                + "status: active\nlabels: [builds]\ncreated: 2025-10-15\nupdated: 2025-10-16\n---\n\n# "
                + taskId + ": A task\n\n## Acceptance Criteria\n");
        for (CriterionSpec c : criteria) {
            text.append("- [ ] ").append(c.text()).append("\n  - run: `true`\n");
            c.verify().forEach(v -> text.append("  - verify: `").append(v).append("`\n"));
        }
        text.append("\n## Progress Log\n- 2025-10-16 09:00: Created\n");
        remote.pushFile(path(taskId), text.toString(), "add " + taskId);
        return new TaskSnapshot(taskId, "A task", "high", "active", path(taskId), List.of("builds"), List.of(),
                "build", Arrays.asList(criteria));
    }

    Envelope<EventData> publish(TaskSnapshot task, EventData data) {
        Envelope<EventData> event = Envelope.of(Source.of("test", "1"), task.id(), RUN, data);
        publish(event);
        return event;
    }

    void publish(Envelope<EventData> event) {
        publisher.publishAndWait(topics.events(), event);
    }

    void ready(TaskSnapshot task, ExecutionOptions options) throws Exception {
        publish(task, new TaskReady(task, remote.remoteHead(), 1, options));
    }

    /** The executor's first attempt at the criterion succeeded; returns its criterion.completed. */
    Envelope<EventData> ran(TaskSnapshot task, int number) {
        String text = task.criterion(number).text();
        String attemptId = UUID.randomUUID().toString();
        publish(task, new CriterionStarted(number, text, 1, attemptId, "executor-1", List.of("true"), "", false));
        return publish(task, new CriterionCompleted(number, text, 1, attemptId, 0, 5, "", 0, false));
    }

    /** The executor gave the criterion up after its first attempt. */
    void failedForGood(TaskSnapshot task, int number, String reason) {
        publish(task, new CriterionFailed(number, task.criterion(number).text(), 1, "attempt-1",
                FailureCause.VERIFICATION_FAILED, 1, 5, "", reason, null));
    }

    <T extends EventData> List<T> events(Class<T> type) {
        return log.of(type);
    }

    /** Commits on the remote whose subject starts with the text. */
    long remoteCommits(String subjectPrefix) throws Exception {
        return remote.remoteLog().stream().filter(c -> c.getShortMessage().startsWith(subjectPrefix)).count();
    }
}
