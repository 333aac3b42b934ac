package io.taskstream.executor;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.kafka.embedded.EmbeddedKafka;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.runtime.kafka.KafkaClientConfig;
import io.taskstream.testkit.EventLog;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker appends a criterion's result but its acknowledgement is lost, so the executor's publish fails:
 * before the executor acts on the task again it reads its partition up to where the log ended after the
 * failure, finds the result there, and does not run the criterion a second time.
 */
class LostAcknowledgementTest {
    private static final String INSTANCE = "lost-ack";
    @TempDir
    Path workspace;

    @Test
    void aCriterionWhoseResultLandedDespiteAFailedPublishIsNotRunAgain() throws Exception {
        Path runs = workspace.resolve("runs.txt");
        Path go = workspace.resolve("go");
        Topics topics = Topics.withPrefix("lost-ack");
        int brokerPort = freePort();
        try (AnswerDroppingProxy proxy = new AnswerDroppingProxy(brokerPort);
             EmbeddedKafka kafka = EmbeddedKafka.startAdvertising(EmbeddedKafka.Options.defaults(), brokerPort,
                     proxy.port())) {
            kafka.createTopics(topics.layout(1));
            Vertx vertx = Vertx.vertx();
            try (EventPublisher publisher = new EventPublisher(kafka.bootstrapServers(), "test", new EventCodec())) {
                ExecutorConfig config = ExecutorConfig.defaults(
                        KafkaClientConfig.of(kafka.bootstrapServers(), "lost-ack"), INSTANCE, workspace);
                vertx.deployVerticle(new ExecutorVerticle(config))
                        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
                // Criterion 1 counts its runs, then holds until the test has cut the broker's answers off.
                List<CriterionSpec> criteria = List.of(
                        criterion(1, "echo run >> " + runs + "; while [ ! -e " + go + " ]; do sleep 0.05; done"),
                        criterion(2, "true"));
                TaskSnapshot task = new TaskSnapshot("TASK-1", "a task", "high", "active", "tasks/active/TASK-1.md",
                        List.of("builds"), List.of(), "build", criteria);
                publisher.publishAndWait(topics.events(), Envelope.of(Source.of("test", "1"), "TASK-1", "run-1",
                        new TaskReady(task, "0123456789abcdef0123456789abcdef01234567", 1, ExecutionOptions.defaults())));

                await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(runs));
                proxy.dropAnswers();
                Files.createFile(go);
                // The executor's producer gave criterion 1's result up: the broker has it, the executor does not know.
                await().atMost(Duration.ofSeconds(60)).until(() -> producerErrors() >= 1);
                // Publishing works again, reading the log does not yet: the executor has not seen the result.
                proxy.restoreAllButReads();
                await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                        .until(() -> Files.readAllLines(runs).size() == 1);
                proxy.restore();

                try (EventLog log = new EventLog(kafka.bootstrapServers(), topics.events())) {
                    await().atMost(Duration.ofSeconds(90))
                            .until(() -> log.of(CriterionCompleted.class).stream().anyMatch(c -> c.criterion() == 2));
                    assertThat(log.of(CriterionCompleted.class)).filteredOn(c -> c.criterion() == 1).hasSize(1);
                    assertThat(log.of(CriterionStarted.class)).filteredOn(s -> s.criterion() == 1).hasSize(1);
                }
                assertThat(Files.readAllLines(runs)).containsExactly("run");
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
            }
        }
    }

    private static CriterionSpec criterion(int n, String run) {
        return new CriterionSpec(n, "criterion " + n, 10 + n, false, List.of(run), "", Map.of(), 0, List.of("true"),
                List.of(), List.of());
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** Records the executor's producer gave up on (its own metric). */
    private static double producerErrors() throws Exception {
        ObjectName name = new ObjectName("kafka.producer:type=producer-metrics,client-id=executor-" + INSTANCE);
        var server = ManagementFactory.getPlatformMBeanServer();
        return server.isRegistered(name) ? (Double) server.getAttribute(name, "record-error-total") : 0;
    }
}
