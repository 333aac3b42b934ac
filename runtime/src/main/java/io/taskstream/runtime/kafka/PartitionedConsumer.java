package io.taskstream.runtime.kafka;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.codec.PoisonEventException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A consumer-group member that hands each assigned partition to its own {@link PartitionWorker}:
 * partitions proceed in parallel on a bounded pool, each strictly in order. A partition is paused while
 * its worker is busy (the poll loop keeps the membership alive), and its offset is committed only up to
 * what the worker reports done. Records that cannot be decoded go to the dead-letter topic.
 */
public final class PartitionedConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionedConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** While a worker is busy the loop polls briefly, to notice its completion soon. */
    private static final Duration POLL_BUSY = Duration.ofMillis(10);
    private static final long REVOKE_WAIT_MS = 60_000;

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final EventCodec codec;
    private final DeadLetters deadLetters;
    private final Function<TopicPartition, PartitionWorker> workers;
    private final ExecutorService pool;
    private final Thread loop;
    private final Map<TopicPartition, Lane> lanes = new HashMap<>();
    private final LinkedBlockingQueue<Done> done = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private volatile boolean crashed;

    public PartitionedConsumer(String bootstrapServers, String groupId, String clientId, String topic,
                               int threads, EventCodec codec, DeadLetters deadLetters,
                               Function<TopicPartition, PartitionWorker> workers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // Cooperative: a member joining or leaving moves only the partitions that change owner; the others
        // go on running their commands instead of all stopping for the rebalance.
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName());
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.workers = workers;
        this.pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, clientId + "-worker"));
        this.loop = new Thread(this::run, clientId + "-poll");
    }

    public PartitionedConsumer start() {
        loop.start();
        return this;
    }

    private void run() {
        consumer.subscribe(List.of(topic), new Rebalance());
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(lanes.values().stream().anyMatch(l -> l.busy) ? POLL_BUSY : POLL);
                } catch (WakeupException e) {
                    continue;
                }
                for (TopicPartition tp : records.partitions()) {
                    Lane lane = lanes.get(tp);
                    if (lane != null) {
                        lane.accept(records.records(tp));
                    }
                }
                finishDone();
                resumeAfterBackoff();
                dispatch();
            }
        } catch (WakeupException e) {
            // close() interrupted a blocking call: stopping anyway
        } catch (RuntimeException e) {
            LOG.error("consumer loop of {} stopped", topic, e);
        } finally {
            if (!crashed) {
                finishAll(REVOKE_WAIT_MS);
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void dispatch() {
        if (crashed) {
            return;
        }
        for (Lane lane : lanes.values()) {
            if (lane.busy || lane.backoffUntil > 0 || (lane.pending.isEmpty() && lane.pendingNext < 0)) {
                continue;
            }
            List<Consumed> batch = lane.pending;
            long next = lane.pendingNext;
            boolean caughtUp = next >= lane.endAtAssignment;
            lane.pending = new ArrayList<>();
            lane.pendingNext = -1;
            lane.busy = true;
            consumer.pause(List.of(lane.tp));
            pool.execute(() -> {
                long safe;
                try {
                    safe = lane.worker.handle(batch, next, caughtUp);
                } catch (Exception e) {
                    LOG.error("worker of {} failed; the batch will be read again", lane.tp, e);
                    safe = -1;
                }
                done.add(new Done(lane, safe, batch.isEmpty() ? next : batch.get(0).offset()));
            });
        }
    }

    private void finishDone() {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        Done d;
        while ((d = done.poll()) != null) {
            finish(d, commits);
        }
        commit(commits);
    }

    private void finish(Done d, Map<TopicPartition, OffsetAndMetadata> commits) {
        Lane lane = d.lane;
        lane.busy = false;
        if (lanes.get(lane.tp) != lane) {
            return;
        }
        if (d.safeOffset < 0) {
            // Read the failed batch again, after a pause that grows while it keeps failing: workers drop
            // what they have already seen, and a remote that is down is not hammered.
            lane.pending.clear();
            lane.pendingNext = -1;
            consumer.seek(lane.tp, d.firstOffset);
            lane.failures++;
            lane.backoffUntil = System.currentTimeMillis() + Math.min(30_000L, 500L << Math.min(lane.failures, 6));
            return;
        }
        lane.failures = 0;
        if (d.safeOffset > lane.committed) {
            lane.committed = d.safeOffset;
            commits.put(lane.tp, new OffsetAndMetadata(d.safeOffset));
        }
        consumer.resume(List.of(lane.tp));
    }

    private void resumeAfterBackoff() {
        long now = System.currentTimeMillis();
        for (Lane lane : lanes.values()) {
            if (lane.backoffUntil > 0 && lane.backoffUntil <= now) {
                lane.backoffUntil = 0;
                consumer.resume(List.of(lane.tp));
            }
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> commits) {
        if (commits.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(commits);
        } catch (WakeupException e) {
            // close() woke a commit that must still happen: what the workers finished is not to be redone
            consumer.commitSync(commits);
        }
    }

    /** Waits (bounded) for busy workers so that what they finished is committed before a partition moves. */
    private void finishAll(long waitMs) {
        finish(lanes.keySet(), waitMs);
    }

    /** The same for the given partitions only: the others keep working through a cooperative rebalance. */
    private void finish(Collection<TopicPartition> partitions, long waitMs) {
        long deadline = System.currentTimeMillis() + waitMs;
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        try {
            while (partitions.stream().map(lanes::get).anyMatch(l -> l != null && l.busy)) {
                long left = deadline - System.currentTimeMillis();
                Done d = left > 0 ? done.poll(left, TimeUnit.MILLISECONDS) : null;
                if (d == null) {
                    LOG.warn("gave up waiting for busy workers of {}", topic);
                    break;
                }
                finish(d, commits);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finishDone();
        commit(commits);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            loop.join(REVOKE_WAIT_MS + 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
    }

    /** Stops without waiting for workers or committing: what a crash looks like to the group. */
    public void crash() {
        crashed = true;
        pool.shutdownNow();
        running = false;
        consumer.wakeup();
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!crashed) {
                finish(List.copyOf(partitions), REVOKE_WAIT_MS);
            }
            partitions.forEach(lanes::remove);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(lanes::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition tp : partitions) {
                long position = consumer.position(tp);
                lanes.put(tp, new Lane(tp, workers.apply(tp), ends.getOrDefault(tp, 0L), position));
            }
        }
    }

    private final class Lane {
        final TopicPartition tp;
        final PartitionWorker worker;
        final long endAtAssignment;
        long committed;
        List<Consumed> pending = new ArrayList<>();
        long pendingNext = -1;
        boolean busy;
        int failures;
        long backoffUntil;

        Lane(TopicPartition tp, PartitionWorker worker, long endAtAssignment, long position) {
            this.tp = tp;
            this.worker = worker;
            this.endAtAssignment = endAtAssignment;
            this.committed = position;
        }

        void accept(List<ConsumerRecord<String, byte[]>> records) {
            for (ConsumerRecord<String, byte[]> r : records) {
                try {
                    pending.add(new Consumed(codec.decode(r.value()), r.partition(), r.offset()));
                } catch (PoisonEventException e) {
                    deadLetters.send(r, e.getMessage());
                }
                pendingNext = r.offset() + 1;
            }
        }
    }

    private record Done(Lane lane, long safeOffset, long firstOffset) {
    }
}
