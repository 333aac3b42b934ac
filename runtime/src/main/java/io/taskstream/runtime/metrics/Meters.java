package io.taskstream.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.time.Duration;

/**
 * What the services measure, recorded in one registry the process owns (the launcher exposes it).
 * {@link #NONE} records nothing: for tests and services started without a registry.
 *
 * <p>Names (Prometheus form in brackets): {@code taskstream.events.published} tag {@code type}
 * ({@code taskstream_events_published_total}), {@code taskstream.criterion.duration} tags {@code task_type},
 * {@code outcome} ({@code taskstream_criterion_duration_seconds}), {@code taskstream.criterion.retries}
 * ({@code taskstream_criterion_retries_total}), {@code taskstream.dead.letters} tag {@code group}
 * ({@code taskstream_dead_letters_total}), {@code taskstream.git.push} ({@code taskstream_git_push_seconds}).
 */
public final class Meters {
    /** Records nothing: a composite registry without members hands out no-op meters. */
    public static final Meters NONE = new Meters(new CompositeMeterRegistry());

    private final MeterRegistry registry;

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
}
