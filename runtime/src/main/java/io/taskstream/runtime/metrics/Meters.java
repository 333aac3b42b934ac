package io.taskstream.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * What the services measure, recorded in one registry the process owns (the launcher exposes it).
 * {@link #NONE} records nothing: for tests and services started without a registry.
 *
 * <p>Names (Prometheus form in brackets): {@code taskstream.events.published} tag {@code type}
 * ({@code taskstream_events_published_total}), {@code taskstream.criterion.duration} tags {@code task_type},
 * {@code outcome} ({@code taskstream_criterion_duration_seconds}), {@code taskstream.criterion.retries}
 * ({@code taskstream_criterion_retries_total}), {@code taskstream.dead.letters} tag {@code group}
 * ({@code taskstream_dead_letters_total}), {@code taskstream.git.push} ({@code taskstream_git_push_seconds}),
 * {@code taskstream.consumer.lag} gauge tags {@code group}, {@code topic} ({@code taskstream_consumer_lag}).
 *
 * <p>The consumer lag of a group is the sum over its members in this process and their assigned partitions of
 * the log end minus the committed offset: what {@code kafka-consumer-groups.sh --describe} shows as LAG, the
 * records a restart would read again. Each consumer's poll thread measures it from what its client knows
 * locally (the high watermarks of its fetches) and keeps a snapshot; the gauge reads only the snapshots, so a
 * scrape never calls into a Kafka client (which is not thread-safe) nor the broker.
 */
public final class Meters {
    /** Records nothing: a composite registry without members hands out no-op meters. */
    public static final Meters NONE = new Meters(new CompositeMeterRegistry());

    private final MeterRegistry registry;
    /** Per group and topic: the lag snapshots of its members. */
    private final Map<List<String>, Lags> lags = new ConcurrentHashMap<>();

    /** Undoes a registration; closing twice does nothing more. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    public Meters(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** An event of this CloudEvents type was acknowledged by the broker. */
    public void published(String type) {
        Counter.builder("taskstream.events.published").description("events published, by CloudEvents type")
                .tag("type", type).register(registry).increment();
    }

    /** An attempt of a criterion of a task of this type ended: {@code completed} or {@code failed}. */
    public void criterion(String taskType, String outcome, Duration took) {
        Timer.builder("taskstream.criterion.duration").description("criterion attempts, by task type and outcome")
                .tag("task_type", taskType == null ? "" : taskType).tag("outcome", outcome)
                .register(registry).record(took);
    }

    /** A failed criterion was scheduled for another attempt. */
    public void retried() {
        Counter.builder("taskstream.criterion.retries").description("criterion retries scheduled")
                .register(registry).increment();
    }

    /** A record or given-up event went to the dead-letter topic on behalf of this consumer group. */
    public void deadLettered(String group) {
        Counter.builder("taskstream.dead.letters").description("records sent to the dead-letter topic")
                .tag("group", group).register(registry).increment();
    }

    /** One push of a group of task-repo commits, accepted or rejected, its bounded retries included. */
    public void pushed(Duration took) {
        Timer.builder("taskstream.git.push").description("pushes of task-repo commits")
                .register(registry).record(took);
    }

    /**
     * One consumer of {@code group} on {@code topic} and its lag: {@code taskstream.consumer.lag} reads the sum of
     * what the group's registered consumers report. {@code lag} must be cheap and safe to call from any thread
     * (a snapshot). Close the registration when the consumer stops.
     */
    public Registration consumerLag(String group, String topic, LongSupplier lag) {
        if (this == NONE) {
            return () -> { };
        }
        Lags members = lags.computeIfAbsent(List.of(group, topic), k -> {
            Lags l = new Lags();
            Gauge.builder("taskstream.consumer.lag", l, Lags::sum)
                    .description("records of the group's partitions not done yet (log end minus committed offset)")
                    .tag("group", group).tag("topic", topic).register(registry);
            return l;
        });
        members.add(lag);
        return () -> members.remove(lag);
    }

    /** The lags of a group's consumers in this process; the gauge holds it weakly, {@link #lags} strongly. */
    private static final class Lags {
        private final List<LongSupplier> members = new CopyOnWriteArrayList<>();

        void add(LongSupplier lag) {
            members.add(lag);
        }

        void remove(LongSupplier lag) {
            members.remove(lag);
        }

        double sum() {
            return members.stream().mapToLong(LongSupplier::getAsLong).sum();
        }
    }
}
