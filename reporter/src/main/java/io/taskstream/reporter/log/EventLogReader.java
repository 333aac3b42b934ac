package io.taskstream.reporter.log;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.codec.PoisonEventException;
import io.taskstream.runtime.kafka.Consumed;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads the whole event topic from the beginning of every partition, without a consumer group: it commits
 * nothing and owns every partition, so any number of readers (a live reporter, a replay) read the same log
 * independently. Records that are not valid events are skipped and counted. Not thread-safe, except
 * {@link #wakeup()}.
 */
public final class EventLogReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLogReader.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final EventCodec codec;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private long poisonSkipped;

    public EventLogReader(String bootstrapServers, String topic, String clientId, EventCodec codec) {
        this(bootstrapServers, topic, clientId, codec, Map.of());
    }

    /** @param properties the deployment's Kafka client properties (TLS, SASL); the reader's own settings win */
    public EventLogReader(String bootstrapServers, String topic, String clientId, EventCodec codec,
                          Map<String, String> properties) {
        Properties p = new Properties();
        p.putAll(properties);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.codec = codec;
    }

    public String topic() {
        return topic;
    }

    /**
     * Assigns every partition the topic has now; partitions new since the last call are read from their
     * beginning, the others keep their position.
     *
     * @return whether the reader has any partition (false while the topic does not exist)
     */
    public boolean assignAll() {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        } catch (TimeoutException e) {
            LOG.warn("No metadata for topic {} yet: {}", topic, e.getMessage());
            return !assigned.isEmpty();
        }
        Set<TopicPartition> now = new HashSet<>(assigned);
        List<TopicPartition> added = new ArrayList<>();
        for (PartitionInfo i : infos == null ? List.<PartitionInfo>of() : infos) {
            TopicPartition tp = new TopicPartition(i.topic(), i.partition());
            if (now.add(tp)) {
                added.add(tp);
            }
        }
        if (!added.isEmpty()) {
            consumer.assign(now);
            consumer.seekToBeginning(added);
            assigned.addAll(added);
            LOG.info("Reading {} from the beginning of partitions {}", topic,
                    added.stream().map(TopicPartition::partition).sorted().toList());
        }
        return !assigned.isEmpty();
    }

    /** The next batch of events, in log order within each partition; empty when nothing arrived in time. */
    public List<Consumed> poll(Duration timeout) {
        if (assigned.isEmpty()) {
            return List.of();
        }
        List<Consumed> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            try {
                out.add(new Consumed(codec.decode(r.value()), r.partition(), r.offset()));
            } catch (PoisonEventException e) {
                poisonSkipped++;
                LOG.warn("Skipping record {}-{}@{} that is not an event: {}", r.topic(), r.partition(), r.offset(),
                        e.getMessage());
            }
        }
        return out;
    }

    /** The end offset of every assigned partition now. */
    public Map<TopicPartition, Long> endOffsets() {
        return consumer.endOffsets(assigned);
    }

    /** Whether every partition has been read up to the given offsets. */
    public boolean reached(Map<TopicPartition, Long> offsets) {
        for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Records skipped so far because they were not valid events. */
    public long poisonSkipped() {
        return poisonSkipped;
    }

    /** Makes a blocked {@link #poll} throw {@code WakeupException}; safe from any thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
