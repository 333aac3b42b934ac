package io.taskstream.runtime.kafka;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.codec.PoisonEventException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Reads one event topic with a plain consumer, for those who watch the log rather than act on it (the CLI's
 * progress and waiting, tests): every partition the topic has when the tail is opened is assigned by hand and
 * read from its beginning or from its end as of opening; there is no consumer group and nothing is committed,
 * so any number of tails read the same log without disturbing the services or each other. Each decoded event
 * goes to the callback given to {@link #poll}; a record that is not an event goes to the poison handler.
 * Partitions added to the topic after opening are not read. Not thread-safe, except {@link #wakeup()}.
 */
public final class EventTail implements AutoCloseable {
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TOPIC_APPEARS = Duration.ofSeconds(3);

    /** Where reading starts on every partition. */
    public enum Start {
        /** The first offset still in the log. */
        BEGINNING,
        /** The end of the log when the tail is opened: only what is published afterwards is read. */
        END
    }

    /** What to do with a record that cannot be decoded; it may throw to stop the poll. */
    @FunctionalInterface
    public interface PoisonHandler {
        void onPoison(ConsumerRecord<String, byte[]> record, PoisonEventException problem);
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final EventCodec codec = new EventCodec();
    private final PoisonHandler onPoison;
    private long poisonSkipped;

    private EventTail(String bootstrapServers, String topic, Start start, PoisonHandler onPoison,
                      Map<String, String> extra) {
        Properties p = ClientProperties.base(extra);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.onPoison = onPoison;
        try {
            this.partitions = partitionsOf(topic);
            consumer.assign(partitions);
            if (start == Start.END) {
                consumer.seekToEnd(partitions);
            } else {
                consumer.seekToBeginning(partitions);
            }
            // Seeks are lazy: resolve them now, so that what is published after open() is never skipped.
            partitions.forEach(consumer::position);
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw e;
        }
    }

    /**
     * The topic's partitions. A topic created a moment ago may not be in every broker's metadata yet, so an
     * empty answer is asked again for a few seconds before it counts as no topic.
     */
    private List<TopicPartition> partitionsOf(String topic) {
        long deadline = System.nanoTime() + TOPIC_APPEARS.toNanos();
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            if ((infos != null && !infos.isEmpty()) || System.nanoTime() - deadline > 0) {
                return (infos == null ? List.<PartitionInfo>of() : infos).stream()
                        .map(i -> new TopicPartition(topic, i.partition())).toList();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
    }

    /** A tail that skips and counts records that are not events. */
    public static EventTail open(String bootstrapServers, String topic, Start start) {
        return new EventTail(bootstrapServers, topic, start, null, Map.of());
    }

    /** A tail that hands records that are not events to {@code onPoison} (and counts them). */
    public static EventTail open(String bootstrapServers, String topic, Start start, PoisonHandler onPoison) {
        return new EventTail(bootstrapServers, topic, start, onPoison, Map.of());
    }

    /** A tail whose consumer also gets the deployment's client properties (see {@link ClientProperties}). */
    public static EventTail open(String bootstrapServers, String topic, Start start, PoisonHandler onPoison,
                                 Map<String, String> extra) {
        return new EventTail(bootstrapServers, topic, start, onPoison, extra);
    }

    /** The partitions read; empty when the topic did not exist at opening. */
    public List<TopicPartition> partitions() {
        return partitions;
    }

    /**
     * Waits up to {@code timeout} for records and hands each decoded event to {@code onEvent}, in log order
     * within each partition.
     *
     * @return how many events were handed over
     */
    public int poll(Duration timeout, Consumer<Consumed> onEvent) {
        if (partitions.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            Consumed c;
            try {
                c = new Consumed(codec.decode(r.value()), r.partition(), r.offset());
            } catch (PoisonEventException e) {
                poisonSkipped++;
                if (onPoison != null) {
                    onPoison.onPoison(r, e);
                }
                continue;
            }
            onEvent.accept(c);
            n++;
        }
        return n;
    }

    /** The end offset of every partition read, as the broker answers now. */
    public Map<TopicPartition, Long> endOffsets() {
        return consumer.endOffsets(partitions);
    }

    /** Whether every partition named has been read up to the given offset. */
    public boolean reached(Map<TopicPartition, Long> offsets) {
        for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Records skipped so far because they were not events. */
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
