package io.taskstream.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedKafkaTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void startsABrokerThatAcceptsAndReturnsRecords() throws Exception {
        assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        kafka.createTopics(Map.of("records", 3));

        try (KafkaProducer<String, String> producer = producer(kafka)) {
            for (int i = 0; i < 100; i++) {
                String key = "key-" + (i % 7);
                producer.send(new ProducerRecord<>("records", key, key + ":" + i)).get(30, TimeUnit.SECONDS);
            }
        }

        List<ConsumerRecord<String, String>> received = consumeAll(kafka, "records", 100);

        assertThat(received).hasSize(100);
        Map<String, List<Integer>> sequenceByKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : received) {
            assertThat(record.value()).startsWith(record.key() + ":");
            sequenceByKey.computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(Integer.parseInt(record.value().substring(record.key().length() + 1)));
        }
        assertThat(sequenceByKey).hasSize(7);
        sequenceByKey.forEach((key, sequence) -> assertThat(sequence).as(key).isSorted());
        assertThat(sequenceByKey.values().stream().mapToInt(List::size).sum()).isEqualTo(100);
    }

    @Test
    void createTopicsIsIdempotent() throws Exception {
        kafka.createTopics(Map.of("idempotent-a", 2, "idempotent-b", 1));
        kafka.createTopics(Map.of("idempotent-a", 2, "idempotent-c", 4));

        try (Admin admin = admin(kafka)) {
            var descriptions = admin.describeTopics(List.of("idempotent-a", "idempotent-b", "idempotent-c"))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(descriptions.get("idempotent-a").partitions()).hasSize(2);
            assertThat(descriptions.get("idempotent-b").partitions()).hasSize(1);
            assertThat(descriptions.get("idempotent-c").partitions()).hasSize(4);
        }
    }

    @Test
    void restartOnTheSameDataDirKeepsTheLog(@TempDir Path dataDir) throws Exception {
        EmbeddedKafka.Options options = new EmbeddedKafka.Options(dataDir, 2);
        try (EmbeddedKafka first = EmbeddedKafka.start(options)) {
            first.createTopics(Map.of("kept", 1));
            try (KafkaProducer<String, String> producer = producer(first)) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("kept", "k", "v" + i)).get(30, TimeUnit.SECONDS);
                }
            }
        }
        assertThat(dataDir).isNotEmptyDirectory();

        try (EmbeddedKafka second = EmbeddedKafka.start(options)) {
            second.createTopics(Map.of("kept", 1));
            List<ConsumerRecord<String, String>> received = consumeAll(second, "kept", 10);
            assertThat(received).extracting(ConsumerRecord::value)
                    .containsExactly("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
        }
    }

    /** The {@code broker} command's form: a chosen port, an advertised host name, a log kept across starts. */
    @Test
    void aStandaloneBrokerListensWhereToldAdvertisesItsNameAndKeepsItsLog(@TempDir Path dataDir) throws Exception {
        int port = freePort(InetAddress.getByName("127.0.0.1"));
        EmbeddedKafka.Listener listener = new EmbeddedKafka.Listener("127.0.0.1", port, "localhost");
        EmbeddedKafka.Options options = new EmbeddedKafka.Options(dataDir, 3);
        try (EmbeddedKafka broker = EmbeddedKafka.start(options, listener)) {
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            broker.createTopics(Map.of("standalone", 1));
            try (Admin admin = admin(broker)) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                        .singleElement().satisfies(node -> {
                            assertThat(node.host()).isEqualTo("localhost");
                            assertThat(node.port()).isEqualTo(port);
                        });
            }
            try (KafkaProducer<String, String> producer = producer(broker)) {
                producer.send(new ProducerRecord<>("standalone", "k", "kept")).get(30, TimeUnit.SECONDS);
            }
        }
        try (EmbeddedKafka again = EmbeddedKafka.start(options, listener)) {
            assertThat(consumeAll(again, "standalone", 1)).extracting(ConsumerRecord::value).containsExactly("kept");
        }
    }

    @Test
    void aBrokerShutDownAndRestartedKeepsItsAddressAndLog() throws Exception {
        try (EmbeddedKafka restarted = EmbeddedKafka.start()) {
            String address = restarted.bootstrapServers();
            restarted.createTopics(Map.of("outlived", 1));
            try (KafkaProducer<String, String> producer = producer(restarted)) {
                producer.send(new ProducerRecord<>("outlived", "k", "before")).get(30, TimeUnit.SECONDS);
                restarted.shutdownBroker();
                restarted.restartBroker();
                producer.send(new ProducerRecord<>("outlived", "k", "after")).get(30, TimeUnit.SECONDS);
            }
            assertThat(restarted.bootstrapServers()).isEqualTo(address);
            assertThat(consumeAll(restarted, "outlived", 2)).extracting(ConsumerRecord::value)
                    .containsExactly("before", "after");
        }
    }

    @Test
    void retriesWithNewPortsWhenTheControllerPortIsTaken() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket taken = new ServerSocket(0, 1, loopback)) {
            // First attempt: broker port free, controller port taken; Kafka would halt the JVM without the guard.
            Iterator<Integer> ports = IntStream.concat(IntStream.of(freePort(loopback), taken.getLocalPort()),
                    IntStream.generate(() -> freePort(loopback))).iterator();
            try (EmbeddedKafka retried = EmbeddedKafka.start(EmbeddedKafka.Options.defaults(), ports::next)) {
                assertThat(retried.bootstrapServers()).doesNotEndWith(":" + taken.getLocalPort());
                retried.createTopics(Map.of("after-retry", 1));
            }
        }
    }

    private static int freePort(InetAddress address) {
        try (ServerSocket socket = new ServerSocket(0, 1, address)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> consumeAll(EmbeddedKafka kafka, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
        }
        return received;
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }
}
