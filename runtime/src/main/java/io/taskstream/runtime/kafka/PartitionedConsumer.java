package io.taskstream.runtime.kafka;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.codec.PoisonEventException;
import io.taskstream.runtime.logging.LogContext;
import io.taskstream.runtime.metrics.Meters;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
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
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A consumer-group member that hands each assigned partition to its own {@link PartitionWorker}: partitions
 * proceed in parallel on a bounded pool, each strictly in order. Partitions are not paused while their
 * worker is busy (a paused partition drops out of the fetch, and the broker then holds the next fetch for
 * up to {@code fetch.max.wait.ms}: hundreds of milliseconds added to every hop); records that arrive
 * meanwhile wait in the partition's lane, and the worker takes them as soon as it is done, without a trip
 * through the poll loop. Only a lane holding too many records is paused. Offsets are committed only up to
 * what the worker reports done. Records that cannot be decoded go to the dead-letter topic.
 *
 * <p>Its {@linkplain #measuredBy lag} is the records of its partitions not done yet: for each, the log end
 * last seen minus the committed offset. The poll thread takes that snapshot; meters only read it.
 */
public final class PartitionedConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionedConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long REVOKE_WAIT_MS = 60_000;
    private static final long COMMIT_EVERY_MS = 50;
    /** Records a lane may hold before its partition is paused. */
    private static final int MAX_PENDING = 5_000;
    /** How long the poll thread waits for the broker's answer about log ends before it asks again later. */
    private static final Duration END_WAIT = Duration.ofSeconds(2);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final EventCodec codec;
    private final DeadLetters deadLetters;
    private final Function<TopicPartition, PartitionWorker> workers;
    private final ExecutorService pool;
    /** The pool, each job with this consumer's logging context. */
    private final Executor lanePool;
    private final String group;
    private final Thread loop;
    private final Map<TopicPartition, PartitionLane> lanes = new HashMap<>();
    /** Workers' questions about log ends; the consumer answers them on the poll thread. */
    private final Queue<EndRequest> endRequests = new ConcurrentLinkedQueue<>();
    /** Poll thread only: the highest log end seen per assigned partition. */
    private final Map<TopicPartition, Long> ends = new HashMap<>();
    /** Records of the assigned partitions not done yet, as the poll thread last measured. */
    private volatile long lag;
    private volatile Meters.Registration lagGauge = () -> { };
    private volatile Map<String, String> logContext = Map.of();
    private volatile boolean running = true;
    private volatile boolean crashed;
    private long lastCommit;

    public PartitionedConsumer(String bootstrapServers, String groupId, String clientId, String topic,
                               int threads, EventCodec codec, DeadLetters deadLetters,
                               Function<TopicPartition, PartitionWorker> workers) {
        this(bootstrapServers, groupId, clientId, topic, threads, codec, deadLetters, workers, Map.of());
    }

    /** @param extra client properties of the deployment (TLS, SASL; see {@link ClientProperties}) */
    public PartitionedConsumer(String bootstrapServers, String groupId, String clientId, String topic,
                               int threads, EventCodec codec, DeadLetters deadLetters,
                               Function<TopicPartition, PartitionWorker> workers, Map<String, String> extra) {
        Properties p = ClientProperties.base(extra);
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
        this.lanePool = job -> pool.execute(LogContext.wrap(logContext, job));
        this.group = groupId;
        this.loop = new Thread(this::run, clientId + "-poll");
    }

    /**
     * Exports this member's lag as {@code taskstream.consumer.lag} (tags {@code group}, {@code topic}), summed
     * with the other members of its group measured by the same {@code meters}. Call before {@link #start}.
     */
    public PartitionedConsumer measuredBy(Meters meters) {
        lagGauge.close();
        lagGauge = meters.consumerLag(group, topic, () -> lag);
        return this;
    }

    /**
     * What every line this consumer and its workers log carries ({@link LogContext#SERVICE},
     * {@link LogContext#INSTANCE}). Call before {@link #start}.
     */
    public PartitionedConsumer loggingAs(String service, String instance) {
        this.logContext = LogContext.service(service, instance);
        return this;
    }

    /** Records of the assigned partitions not done yet (log end minus committed offset), as last measured. */
    public long lag() {
        return lag;
    }

    public PartitionedConsumer start() {
        loop.start();
        return this;
    }

    private void run() {
        LogContext.install(logContext);
        consumer.subscribe(List.of(topic), new Rebalance());
        try {
            while (running) {
                try {
                    pollOnce();
                } catch (WakeupException e) {
                    // close() or crash() woke the poll: the loop's condition decides
                } catch (RuntimeException e) {
                    TransientKafkaErrors.rethrowUnlessTransient(e);
                    LOG.warn("{}: {}; going on (what is not committed now is committed later)", topic, e.toString());
                }
            }
        } catch (RuntimeException e) {
            LOG.error("consumer loop of {} stopped", topic, e);
        } finally {
            try {
                if (!crashed) {
                    finish(List.copyOf(lanes.keySet()), REVOKE_WAIT_MS);
                }
            } catch (RuntimeException e) {
                LOG.warn("offsets of {} not committed at close: {}", topic, e.toString());
            }
            lag = 0;
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void pollOnce() {
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> raw = records.records(tp);
            PartitionLane lane = lanes.containsKey(tp) ? lanes.get(tp) : openLate(tp, raw.get(0).offset());
            if (lane != null) {
                lane.offer(decode(raw), raw);
            }
        }
        tend();
    }

    /**
     * A partition assigned while the broker did not answer has no lane yet: it gets one now, or its records are
     * sought back to, to be read again on the next poll.
     */
    private PartitionLane openLate(TopicPartition tp, long first) {
        try {
            long end = consumer.endOffsets(List.of(tp), END_WAIT).getOrDefault(tp, 0L);
            return openLane(tp, end, first);
        } catch (RuntimeException e) {
            TransientKafkaErrors.rethrowUnlessTransient(e);
            consumer.seek(tp, first);
            return null;
        }
    }

    private PartitionLane openLane(TopicPartition tp, long end, long position) {
        PartitionWorker worker = workers.apply(tp);
        worker.logEnd(() -> askEnd(tp));
        ends.put(tp, end);
        PartitionLane lane = new PartitionLane(tp, worker, end, position, lanePool);
        lanes.put(tp, lane);
        return lane;
    }

    private List<Consumed> decode(List<ConsumerRecord<String, byte[]>> records) {
        List<Consumed> decoded = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                decoded.add(new Consumed(codec.decode(r.value()), r.partition(), r.offset()));
            } catch (PoisonEventException e) {
                deadLetters.send(r, e.getMessage());
            }
        }
        return decoded;
    }

    /** What only the poll thread may do: seeks after failures, pausing for backpressure, commits. */
    private void tend() {
        if (crashed) {
            return;
        }
        long now = System.currentTimeMillis();
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        for (PartitionLane lane : lanes.values()) {
            long seekTo = lane.takeSeek();
            if (seekTo >= 0) {
                consumer.seek(lane.tp, seekTo);
            }
            lane.dispatchIfDue(now);
            boolean full = lane.pendingCount() > MAX_PENDING;
            if (full != lane.paused) {
                lane.paused = full;
                (full ? pause : resume).add(lane.tp);
            }
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
        if (now - lastCommit >= COMMIT_EVERY_MS) {
            lastCommit = now;
            commit(lanes.values());
            measureLag();
        }
        answerEndRequests();
    }

    private record EndRequest(TopicPartition tp, CompletableFuture<Long> end) {
    }

    private CompletableFuture<Long> askEnd(TopicPartition tp) {
        CompletableFuture<Long> end = new CompletableFuture<>();
        endRequests.add(new EndRequest(tp, end));
        return end;
    }

    /** Asks the broker, bounded; questions it does not answer now are asked again on the next round. */
    private void answerEndRequests() {
        if (endRequests.isEmpty()) {
            return;
        }
        List<EndRequest> asked = new ArrayList<>();
        for (EndRequest r; (r = endRequests.poll()) != null; ) {
            asked.add(r);
        }
        Set<TopicPartition> partitions = new java.util.HashSet<>();
        asked.forEach(r -> partitions.add(r.tp()));
        Map<TopicPartition, Long> ends = Map.of();
        try {
            ends = consumer.endOffsets(partitions, END_WAIT);
        } catch (WakeupException e) {
            endRequests.addAll(asked);
            throw e;
        } catch (KafkaException e) {
            LOG.debug("no log end of {} yet: {}", partitions, e.toString());
        }
        for (EndRequest r : asked) {
            Long end = ends.get(r.tp());
            if (end != null) {
                r.end().complete(end);
            } else {
                endRequests.add(r);
            }
        }
    }

    /** From what the consumer knows locally (the fetches' high watermarks): no call to the broker. */
    private void measureLag() {
        long sum = 0;
        for (PartitionLane lane : lanes.values()) {
            OptionalLong behind = consumer.currentLag(lane.tp);
            long end = ends.getOrDefault(lane.tp, 0L);
            if (behind.isPresent()) {
                end = Math.max(end, consumer.position(lane.tp) + behind.getAsLong());
                ends.put(lane.tp, end);
            }
            sum += Math.max(0, end - lane.committed);
        }
        lag = sum;
    }

    private void commit(Collection<PartitionLane> of) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        List<PartitionLane> committing = new ArrayList<>();
        for (PartitionLane lane : of) {
            long safe = lane.safeOffset();
            if (safe > lane.committed) {
                committing.add(lane);
                commits.put(lane.tp, new OffsetAndMetadata(safe));
            }
        }
        if (commits.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(commits);
        } catch (WakeupException e) {
            // close() woke a commit that must still happen: what the workers finished is not to be redone
            consumer.commitSync(commits);
        }
        // Only once the broker took them: a commit refused during a rebalance is tried again on the next round.
        committing.forEach(lane -> lane.committed = commits.get(lane.tp).offset());
    }

    /** Waits (bounded) for the partitions' work so that what they finished is committed before they move. */
    private void finish(Collection<TopicPartition> partitions, long waitMs) {
        long deadline = System.currentTimeMillis() + waitMs;
        List<PartitionLane> leaving = partitions.stream().map(lanes::get).filter(java.util.Objects::nonNull).toList();
        for (PartitionLane lane : leaving) {
            if (!lane.awaitIdle(deadline)) {
                LOG.warn("gave up waiting for the worker of {}", lane.tp);
            }
            lane.worker.quiesce(Duration.ofMillis(Math.max(0, deadline - System.currentTimeMillis())));
        }
        commit(leaving);
    }

    @Override
    public void close() {
        lagGauge.close();
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
        lagGauge.close();
        crashed = true;
        pool.shutdownNow();
        running = false;
        consumer.wakeup();
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                if (!crashed) {
                    finish(List.copyOf(partitions), REVOKE_WAIT_MS);
                }
            } catch (RuntimeException e) {
                TransientKafkaErrors.rethrowUnlessTransient(e);
                // Their next owner reads again from the last commit; the services are idempotent.
                LOG.warn("offsets of {} not committed as they move: {}", partitions, e.toString());
            } finally {
                partitions.forEach(tp -> close(lanes.remove(tp)));
                ends.keySet().removeAll(partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(tp -> close(lanes.remove(tp)));
            ends.keySet().removeAll(partitions);
        }

        private void close(PartitionLane lane) {
            if (lane != null) {
                lane.close();
                lane.worker.quiesce(Duration.ZERO);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            try {
                Map<TopicPartition, Long> atAssignment = consumer.endOffsets(partitions);
                for (TopicPartition tp : partitions) {
                    openLane(tp, atAssignment.getOrDefault(tp, 0L), consumer.position(tp));
                }
            } catch (RuntimeException e) {
                TransientKafkaErrors.rethrowUnlessTransient(e);
                LOG.warn("partitions {} assigned while the broker does not answer ({}): each opens with its first "
                        + "records", partitions, e.toString());
            }
        }
    }
}
