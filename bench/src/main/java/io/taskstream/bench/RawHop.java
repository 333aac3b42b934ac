package io.taskstream.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The raw hop: what one step from a producer to a consumer costs on a broker with nothing of Taskstream in the way.
 * A plain producer (acks=all, linger 0) sends one small record to a topic of its own (1 partition); a plain
 * consumer, assigned that partition and polling, receives it; the sample is send to receipt on this JVM's clock.
 * One record in flight at a time.
 */
final class RawHop {
    static final String TOPIC = "bench.raw";

    private RawHop() {
    }

    /** {@code warmUp} round trips not counted, then {@code samples} counted ones; deadline for the whole. */
    static Samples measure(String bootstrap, int warmUp, int samples, long deadlineNanos) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        pp.put(ProducerConfig.CLIENT_ID_CONFIG, "pipeline-bench-raw");
        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        cp.put(ConsumerConfig.CLIENT_ID_CONFIG, "pipeline-bench-raw");
        Samples hop = new Samples("raw hop", "producer acks=all, linger 0 -> consumer poll");
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pp, new StringSerializer(),
                new ByteArraySerializer());
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(cp, new StringDeserializer(),
                     new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            for (int i = 0; i < warmUp + samples; i++) {
                String key = "hop-" + i;
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(TOPIC, key, key.getBytes(StandardCharsets.UTF_8)));
                boolean received = false;
                while (!received) {
                    if (System.nanoTime() > deadlineNanos) {
                        throw new IllegalStateException("raw hop: deadline passed after " + i + " round trips");
                    }
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        received |= key.equals(r.key());
                    }
                }
                long took = System.nanoTime() - start;
                if (i >= warmUp) {
                    hop.add(took);
                }
            }
        }
        return hop;
    }
}
