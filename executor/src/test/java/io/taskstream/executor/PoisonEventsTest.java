package io.taskstream.executor;

import io.taskstream.testkit.BrokerExtension;
import io.taskstream.testkit.EventLog;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.runtime.kafka.DeadLetters;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.runtime.kafka.KafkaClientConfig;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the executor cannot decode goes to the dead-letter topic with its reason; the work behind it goes on. */
class PoisonEventsTest {
    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();
    @TempDir
    Path workspace;

    record Poison(String name, byte[] bytes, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Poison> poisons() {
        String wrongShape = "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/t\",\"type\":\"io.taskstream.task.ready.v1\","
                + "\"subject\":\"TASK-1\",\"time\":\"2026-01-01T00:00:00Z\",\"runid\":\"r\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"task\":\"not a snapshot\"}}";
        String unknownType = wrongShape.replace("io.taskstream.task.ready.v1", "io.taskstream.task.exploded.v1");
        return Stream.of(
                new Poison("garbage bytes", new byte[]{(byte) 0xC3, 0x28, 0x00, 0x7F}, "not a CloudEvents JSON event"),
                new Poison("JSON of the wrong schema", wrongShape.getBytes(StandardCharsets.UTF_8), "does not fit"),
                new Poison("an unknown event type", unknownType.getBytes(StandardCharsets.UTF_8), "unknown event type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poisons")
    void poisonOnTheEventLogAndOnTheRetryTopicIsDeadLetteredAndWorkGoesOn(Poison poison) throws Exception {
        Topics topics = Topics.withPrefix("poison-" + UUID.randomUUID().toString().substring(0, 8));
        kafka.createTopics(topics.layout(1));
        Vertx vertx = Vertx.vertx();
        try (EventPublisher publisher = new EventPublisher(kafka.bootstrapServers(), "test", new EventCodec())) {
            ExecutorConfig config = ExecutorConfig.defaults(
                    KafkaClientConfig.of(kafka.bootstrapServers(), topics.events().replace(".events", "")), "executor-1",
                    workspace);
            vertx.deployVerticle(new ExecutorVerticle(config))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            EventPublisher.await(publisher.send(new ProducerRecord<>(topics.events(), "TASK-1", poison.bytes())));
            EventPublisher.await(publisher.send(new ProducerRecord<>(topics.retry(), "TASK-1", poison.bytes())));
            publisher.publishAndWait(topics.events(), Envelope.of(Source.of("test", "1"), "TASK-1", "run-1",
                    new TaskReady(new TaskSnapshot("TASK-1", "t", "high", "active", "tasks/active/TASK-1.md", List.of(),
                            List.of(), "general", List.of(new CriterionSpec(1, "c", 10, false, List.of("true"), "",
                            Map.of(), 0, List.of("true"), List.of(), List.of()))), "abc", 1, ExecutionOptions.defaults())));
            publisher.publishAndWait(topics.retry(), Envelope.of(Source.of("test", "1"), "TASK-2", "run-1",
                    new CriterionRetry(1, "c", 2, Instant.now(), FailureCause.RUN_FAILED)));

            try (EventLog log = new EventLog(kafka.bootstrapServers(), topics.events(), true)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !log.of(CriterionCompleted.class).isEmpty()
                        && !log.of(CriterionRetry.class).isEmpty());
            }
            List<ConsumerRecord<String, byte[]>> dead = readAll(topics.deadLetter(), 2);
            assertThat(dead).hasSize(2).allSatisfy(r -> {
                assertThat(r.value()).isEqualTo(poison.bytes());
                assertThat(new String(r.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                        .contains(poison.reason());
            });
            assertThat(dead).extracting(r -> new String(r.headers().lastHeader(DeadLetters.ORIGIN).value(), StandardCharsets.UTF_8))
                    .anyMatch(o -> o.startsWith(topics.events())).anyMatch(o -> o.startsWith(topics.retry()));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(100)).forEach(out::add);
                return out.size() >= expected;
            });
            return out;
        }
    }
}
