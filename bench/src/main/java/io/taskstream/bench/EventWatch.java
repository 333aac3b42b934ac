package io.taskstream.bench;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.codec.PoisonEventException;
import io.taskstream.events.data.CriterionCompleted;
import io.taskstream.events.data.CriterionFailed;
import io.taskstream.events.data.CriterionSkipped;
import io.taskstream.events.data.CriterionStarted;
import io.taskstream.events.data.CriterionVerified;
import io.taskstream.events.data.EventData;
import io.taskstream.events.data.ScanRequested;
import io.taskstream.events.data.TaskBlocked;
import io.taskstream.events.data.TaskCompleted;
import io.taskstream.events.data.TaskInvalid;
import io.taskstream.events.data.TaskReady;
import io.taskstream.events.data.TaskWithdrawn;
import io.taskstream.events.data.VerificationFailed;
import io.taskstream.events.envelope.Envelope;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * Reads a pipeline's event log ({@code <prefix>.events}) from offset 0 with a plain consumer outside any group,
 * decodes every record and keeps, per task and per criterion, when each step happened by the events' own time
 * stamps (taken by the service that emitted them). Anything that means a criterion or task will not be verified
 * (failed, skipped, blocked, invalid, withdrawn, verification failed) ends the wait with an error: the bench's
 * criteria always pass, so such an event is a broken run, not a slow one.
 */
final class EventWatch implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final EventCodec codec = new EventCodec();

    /** task id -> its first task.ready. */
    final Map<String, Instant> ready = new HashMap<>();
    /** task id -> the run id of its first task.ready. */
    final Map<String, String> readyRun = new HashMap<>();
    /** "TASK-x#n" -> first criterion.started / criterion.completed / criterion.verified. */
    final Map<String, Instant> started = new HashMap<>();
    final Map<String, Instant> completed = new HashMap<>();
    final Map<String, Instant> verified = new HashMap<>();
    /** task id -> task.completed. */
    final Map<String, Instant> taskCompleted = new HashMap<>();
    /** run id -> scan.requested. */
    final Map<String, Instant> scanRequested = new HashMap<>();
    private Instant firstReady;
    private Instant lastCompleted;
    private Instant lastVerified;
    private int events;
    private int undecodable;
    /** task id -> the first event that means it will not be verified. */
    final Map<String, String> problems = new HashMap<>();

    /** Waits (polling, until the deadline) for the topic to exist, then reads all its partitions from the start. */
    EventWatch(String bootstrap, String topic, long deadlineNanos) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "pipeline-bench-watch");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        while (partitions.isEmpty()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null) {
                infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            if (partitions.isEmpty() && System.nanoTime() > deadlineNanos) {
                consumer.close();
                throw new IllegalStateException("topic " + topic + " does not exist on " + bootstrap);
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        partitions.forEach(consumer::position);
    }

    /**
     * Polls until {@code done} holds; fails at the deadline, on an event that means the run cannot finish (a task
     * that has not completed and will not be verified), or when one of {@code running} has ended.
     */
    void await(String what, BooleanSupplier done, long deadlineNanos, Collection<Child> running) {
        await(what, done, deadlineNanos, running, true);
    }

    /** As above; with {@code failOnProblem} false, such events are only recorded ({@link #problems}). */
    void await(String what, BooleanSupplier done, long deadlineNanos, Collection<Child> running,
               boolean failOnProblem) {
        while (!done.getAsBoolean()) {
            String problem = failOnProblem ? blocking() : null;
            if (problem != null) {
                throw new IllegalStateException(what + ": " + problem);
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException(String.format(Locale.ROOT, "deadline passed while waiting for %s: "
                                + "%d task.ready, %d criterion.started, %d criterion.completed, %d criterion.verified, "
                                + "%d task.completed seen (%d events)", what, ready.size(), started.size(),
                        completed.size(), verified.size(), taskCompleted.size(), events));
            }
            running.forEach(Child::checkAlive);
            poll(Duration.ofMillis(50));
        }
    }

    /** The first problem of a task that has not completed, or null. */
    private String blocking() {
        return problems.entrySet().stream().filter(e -> !taskCompleted.containsKey(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private void poll(Duration timeout) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            Envelope<EventData> e;
            try {
                e = codec.decode(record.value());
            } catch (PoisonEventException ex) {
                undecodable++;
                continue;
            }
            events++;
            add(e);
        }
    }

    private void add(Envelope<EventData> e) {
        String task = e.subject();
        Instant time = e.time();
        EventData data = e.data();
        if (data instanceof TaskReady) {
            if (ready.putIfAbsent(task, time) == null) {
                readyRun.put(task, e.runId());
            }
            if (firstReady == null || time.isBefore(firstReady)) {
                firstReady = time;
            }
        } else if (data instanceof CriterionStarted s) {
            started.putIfAbsent(task + "#" + s.criterion(), time);
        } else if (data instanceof CriterionCompleted c) {
            completed.putIfAbsent(task + "#" + c.criterion(), time);
            lastCompleted = later(lastCompleted, time);
        } else if (data instanceof CriterionVerified v) {
            verified.putIfAbsent(task + "#" + v.criterion(), time);
            lastVerified = later(lastVerified, time);
        } else if (data instanceof TaskCompleted) {
            taskCompleted.putIfAbsent(task, time);
        } else if (data instanceof ScanRequested) {
            scanRequested.putIfAbsent(e.runId(), time);
        } else if (data instanceof CriterionFailed || data instanceof CriterionSkipped || data instanceof TaskBlocked
                || data instanceof TaskInvalid || data instanceof TaskWithdrawn || data instanceof VerificationFailed) {
            String text = data.toString();
            problems.putIfAbsent(task, e.eventType().shortName() + " for " + task + ": "
                    + (text.length() > 600 ? text.substring(0, 600) + "..." : text));
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    Instant firstReady() {
        return firstReady;
    }

    Instant lastCompleted() {
        return lastCompleted;
    }

    Instant lastVerified() {
        return lastVerified;
    }

    int events() {
        return events;
    }

    int undecodable() {
        return undecodable;
    }

    /** Nanoseconds between two time stamps. */
    static long nanos(Instant from, Instant to) {
        return Duration.between(from, to).toNanos();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
