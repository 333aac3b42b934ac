package io.taskstream.runtime.kafka;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.TaskInvalid;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.kafka.embedded.EmbeddedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/** One real broker per test class, fresh topics (3 partitions each) and a fresh group per test. */
abstract class KafkaTestSupport {
    static final EventCodec CODEC = new EventCodec();
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger N = new AtomicInteger();
    static EmbeddedKafka kafka;
    static EventPublisher publisher;

    Topics topics;
    String group;
    private final List<PartitionedConsumer> consumers = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
        publisher = new EventPublisher(kafka.bootstrapServers(), "test-publisher", CODEC);
    }

    @AfterAll
    static void stopBroker() {
        publisher.close();
        kafka.close();
    }

    @BeforeEach
    void createTopics() {
        topics = Topics.withPrefix("t" + N.incrementAndGet());
        group = topics.events() + "-group";
        TopicSetup.ensure(kafka.bootstrapServers(), topics, 3, (short) 1);
    }

    @AfterEach
    void closeConsumers() {
        consumers.forEach(PartitionedConsumer::close);
    }

    static String newClientId() {
        return "c" + N.incrementAndGet();
    }

    PartitionedConsumer consume(Recorder recorder) {
        return consume(newClientId(), recorder);
    }

    /** Starts a group member; its poll thread is named {@code clientId + "-poll"}. */
    PartitionedConsumer consume(String clientId, Recorder recorder) {
        PartitionedConsumer c = new PartitionedConsumer(kafka.bootstrapServers(), group, clientId,
                topics.events(), 3, CODEC, new DeadLetters(publisher, topics.deadLetter(), "test-consumer"), recorder);
        consumers.add(c);
        return c.start();
    }

    void stop(PartitionedConsumer consumer) {
        consumer.close();
        consumers.remove(consumer);
    }

    static Envelope<TaskInvalid> event(String key) {
        return Envelope.of(Source.of("test", "1"), key, "run-1", new TaskInvalid("tasks/" + key + ".md", 0, "p", "c"));
    }

    RecordMetadata publish(String key) {
        return publisher.publishAndWait(topics.events(), event(key));
    }

    /** Reads a topic from the beginning until {@code count} records have arrived. */
    List<ConsumerRecord<String, byte[]>> readAll(String topic, int count) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            await().atMost(WAIT).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            });
        }
        return records;
    }
}
