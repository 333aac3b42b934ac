package io.taskstream.runtime.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PartitionedConsumerTest extends KafkaTestSupport {

    @Test
    void topicSetupCreatesEveryTopicWithThePartitionCountAndToleratesExistingOnes() throws Exception {
        TopicSetup.ensure(kafka.bootstrapServers(), topics, 5, (short) 1);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            // the broker learns of new topics a moment after the controller created them
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
                var described = admin.describeTopics(topics.layout(3).keySet()).allTopicNames().get();
                assertThat(described).hasSize(3);
                described.values().forEach(d -> assertThat(d.partitions()).hasSize(3));
            });
        }
    }

    @Test
    void everyEventReachesTheWorkerOfItsPartitionInOffsetOrder() {
        Map<Integer, List<Long>> expected = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            RecordMetadata m = publish("TASK-" + (i % 10));
            expected.computeIfAbsent(m.partition(), p -> new ArrayList<>()).add(m.offset());
        }
        assertThat(expected).as("keys spread over partitions").hasSizeGreaterThan(1);
        Recorder recorder = new Recorder();

        consume(recorder);

        await().atMost(WAIT).until(() -> recorder.total() >= 30);
        assertThat(recorder.offsets()).isEqualTo(expected);
        recorder.calls.forEach(c -> assertThat(c.batch()).allMatch(e -> e.partition() == c.partition()));
        expected.forEach((p, offsets) -> assertThat(recorder.lastCall(p).caughtUp()).isTrue());
    }

    @Test
    void everyPublishedEventIsMarkedAsAStructuredCloudEvent() {
        publish("TASK-H");

        ConsumerRecord<String, byte[]> record = readAll(topics.events(), 1).get(0);

        assertThat(header(record, EventPublisher.CONTENT_TYPE)).isEqualTo("application/cloudevents+json; charset=UTF-8");
        assertThat(record.key()).isEqualTo("TASK-H");
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheFollowingEventsStillArrive() {
        String good = new String(CODEC.encode(event("TASK-P")), StandardCharsets.UTF_8);
        List<byte[]> poison = List.of(
                new byte[] {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF, 0x7B},
                "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8),
                good.replace("io.taskstream.task.invalid.v1", "io.taskstream.task.exploded.v1").getBytes(StandardCharsets.UTF_8),
                good.replaceAll("\"data\":\\{[^}]*}", "\"data\":{\"foo\":1}").getBytes(StandardCharsets.UTF_8),
                new byte[0]);
        RecordMetadata before = publisher.publishAndWait(topics.events(), event("TASK-P"));
        poison.forEach(bytes -> EventPublisher.await(publisher.send(
                new ProducerRecord<>(topics.events(), before.partition(), "TASK-P", bytes))));
        RecordMetadata after = publisher.publishAndWait(topics.events(), event("TASK-P"));
        Recorder recorder = new Recorder();

        consume(recorder);

        await().atMost(WAIT).until(() -> recorder.total() >= 2);
        assertThat(recorder.offsets()).containsOnly(Map.entry(before.partition(), List.of(before.offset(), after.offset())));
        List<ConsumerRecord<String, byte[]>> dead = readAll(topics.deadLetter(), poison.size());
        assertThat(dead).extracting(ConsumerRecord::value).containsExactlyElementsOf(poison);
        assertThat(dead).extracting(r -> header(r, DeadLetters.ORIGIN))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, poison.size())
                        .mapToObj(i -> topics.events() + "/" + before.partition() + "@" + (before.offset() + i)).toList());
        assertThat(dead).extracting(r -> header(r, DeadLetters.REASON)).satisfiesExactly(
                r -> assertThat(r).startsWith("not a CloudEvents JSON event"),
                r -> assertThat(r).startsWith("not a CloudEvents JSON event"),
                r -> assertThat(r).isEqualTo("unknown event type io.taskstream.task.exploded.v1"),
                r -> assertThat(r).startsWith("data does not fit io.taskstream.task.invalid.v1"),
                r -> assertThat(r).isEqualTo("empty record value"));
        assertThat(dead).allSatisfy(r -> assertThat(header(r, DeadLetters.CONSUMER)).isEqualTo("test-consumer"));
    }

    @Test
    void offsetsAreCommittedOnlyUpToWhatTheWorkerReportsDone() {
        List<RecordMetadata> published = IntStream.range(0, 10).mapToObj(i -> publish("TASK-C")).toList();
        int partition = published.get(0).partition();
        long openRunStart = published.get(3).offset();
        Recorder first = new Recorder((call) -> Math.min(call.nextOffset(), openRunStart));
        PartitionedConsumer consumer = consume(first);
        await().atMost(WAIT).until(() -> first.total() >= 10);
        stop(consumer);

        Recorder second = new Recorder();
        consumer = consume(second);
        await().atMost(WAIT).until(() -> second.total() >= 7);
        assertThat(second.offsets()).containsOnly(Map.entry(partition,
                published.subList(3, 10).stream().map(RecordMetadata::offset).toList()));
        stop(consumer);

        // the second worker reported everything done: a third member starts after it
        RecordMetadata later = publish("TASK-C");
        Recorder third = new Recorder();
        consume(third);
        await().atMost(WAIT).until(() -> third.total() >= 1);
        assertThat(third.offsets()).containsOnly(Map.entry(partition, List.of(later.offset())));
    }

    @Test
    void aWorkerThatThrowsGetsTheSameBatchAgain() {
        List<Long> offsets = IntStream.range(0, 5).mapToObj(i -> publish("TASK-T").offset()).toList();
        AtomicInteger calls = new AtomicInteger();
        Recorder recorder = new Recorder(call -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("worker failed on purpose");
            }
            return call.nextOffset();
        });

        consume(recorder);

        await().atMost(WAIT).until(() -> recorder.succeeded().size() >= 5);
        Recorder.Call failed = recorder.calls.get(0);
        assertThat(failed.failed()).isTrue();
        assertThat(recorder.calls.get(1).firstOffset()).isEqualTo(failed.firstOffset()).isEqualTo(offsets.get(0));
        assertThat(recorder.succeeded()).isEqualTo(offsets);
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
