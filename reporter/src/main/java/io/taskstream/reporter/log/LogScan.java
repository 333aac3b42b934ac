package io.taskstream.reporter.log;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.codec.PoisonEventException;
import io.taskstream.runtime.kafka.Consumed;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One bulk read of the event topic, from the beginning of every partition (or from a time) up to the end offsets
 * as of the start of the read, for replays. It has no consumer group: partitions are assigned by hand and nothing
 * is committed, so no live group is joined or moved. Records are fetched in large batches on one thread and
 * decoded in chunks on a pool of threads; the sink receives the events on the calling thread in exactly the order
 * they were polled (each partition in log order). Records that are not valid events are skipped and counted.
 */
public final class LogScan {
    private static final Logger LOG = LoggerFactory.getLogger(LogScan.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
    private static final int CHUNK = 512;
    private static final int IN_FLIGHT = 64;

    private final String bootstrapServers;
    private final String topic;
    private final FastEventDecoder decoder;
    private final int decoders;
    private final Map<String, String> properties;
    private final AtomicLong poison = new AtomicLong();
    private long records;

    /** @param decoders threads that decode records; 0 decodes on the polling thread */
    public LogScan(String bootstrapServers, String topic, EventCodec codec, int decoders) {
        this(bootstrapServers, topic, codec, decoders, Map.of());
    }

    /**
     * @param decoders   threads that decode records; 0 decodes on the polling thread
     * @param properties the deployment's Kafka client properties (TLS, SASL); the scan's own settings win
     */
    public LogScan(String bootstrapServers, String topic, EventCodec codec, int decoders,
                   Map<String, String> properties) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.decoder = new FastEventDecoder(codec);
        this.decoders = decoders;
        this.properties = Map.copyOf(properties);
    }

    /** A scan decoding on as many threads as there are processors. */
    public LogScan(String bootstrapServers, String topic, EventCodec codec) {
        this(bootstrapServers, topic, codec, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Reads the topic and hands every event to {@code sink}. An absent topic reads as empty.
     *
     * @param since    read only records whose timestamp is at or after it; {@code null} for the whole log
     * @param deadline how long the read may take
     * @throws IllegalStateException when the log could not be read to its end in time
     */
    public void read(Instant since, Duration deadline, Consumer<Consumed> sink) {
        long until = System.nanoTime() + deadline.toNanos();
        ExecutorService pool = decoders > 0 ? Executors.newFixedThreadPool(decoders, r -> {
            Thread t = new Thread(r, "taskstream-replay-decode");
            t.setDaemon(true);
            return t;
        }) : null;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Map<TopicPartition, Long> end = assign(consumer, since);
            if (end.isEmpty()) {
                return;
            }
            BlockingQueue<CompletableFuture<List<Consumed>>> chunks = new ArrayBlockingQueue<>(IN_FLIGHT);
            while (!reached(consumer, end)) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + deadline);
                }
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
                records += polled.count();
                List<ConsumerRecord<byte[], byte[]>> chunk = new ArrayList<>(CHUNK);
                for (ConsumerRecord<byte[], byte[]> r : polled) {
                    chunk.add(r);
                    if (chunk.size() == CHUNK) {
                        submit(pool, chunk, chunks, sink);
                        chunk = new ArrayList<>(CHUNK);
                    }
                }
                if (!chunk.isEmpty()) {
                    submit(pool, chunk, chunks, sink);
                }
            }
            while (!chunks.isEmpty()) {
                deliver(chunks.poll(), sink);
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** Records read by the last {@link #read} that were not valid events. */
    public long poisonSkipped() {
        return poison.get();
    }

    /** Records fetched by the last {@link #read}, valid or not. */
    public long records() {
        return records;
    }

    private void submit(ExecutorService pool, List<ConsumerRecord<byte[], byte[]>> chunk,
                        BlockingQueue<CompletableFuture<List<Consumed>>> chunks, Consumer<Consumed> sink) {
        if (pool == null) {
            decode(chunk).forEach(sink);
            return;
        }
        CompletableFuture<List<Consumed>> decoded = CompletableFuture.supplyAsync(() -> decode(chunk), pool);
        // The fold runs on this thread, between polls, whenever decoded chunks would pile up.
        while (!chunks.offer(decoded)) {
            deliver(chunks.poll(), sink);
        }
        while (!chunks.isEmpty() && chunks.peek().isDone()) {
            deliver(chunks.poll(), sink);
        }
    }

    private static void deliver(CompletableFuture<List<Consumed>> chunk, Consumer<Consumed> sink) {
        List<Consumed> events;
        try {
            events = chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding the event log", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot decode the event log", e.getCause());
        }
        for (Consumed c : events) {
            sink.accept(c);
        }
    }

    private List<Consumed> decode(List<ConsumerRecord<byte[], byte[]>> chunk) {
        List<Consumed> out = new ArrayList<>(chunk.size());
        for (ConsumerRecord<byte[], byte[]> r : chunk) {
            try {
                out.add(new Consumed(decoder.decode(r.value()), r.partition(), r.offset()));
            } catch (PoisonEventException e) {
                poison.incrementAndGet();
                LOG.warn("Skipping record {}-{}@{} that is not an event: {}", r.topic(), r.partition(), r.offset(),
                        e.getMessage());
            }
        }
        return out;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.putAll(properties);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "taskstream-replay-" + Long.toHexString(System.nanoTime()));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // Big fetches: a replay reads everything, latency does not matter.
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        p.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 4 * 1024 * 1024);
        p.put(ConsumerConfig.CHECK_CRCS_CONFIG, true);
        // Keys stay bytes: the envelope carries the subject.
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Assigns every partition and positions it; @return each partition's end offset now (empty: no topic). */
    private Map<TopicPartition, Long> assign(KafkaConsumer<byte[], byte[]> consumer, Instant since) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            return Map.of();
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        if (since == null) {
            consumer.seekToBeginning(partitions);
        } else {
            Map<TopicPartition, Long> at = new HashMap<>();
            partitions.forEach(tp -> at.put(tp, since.toEpochMilli()));
            for (Map.Entry<TopicPartition, OffsetAndTimestamp> e : consumer.offsetsForTimes(at).entrySet()) {
                consumer.seek(e.getKey(), e.getValue() == null ? end.get(e.getKey()) : e.getValue().offset());
            }
        }
        return end;
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
