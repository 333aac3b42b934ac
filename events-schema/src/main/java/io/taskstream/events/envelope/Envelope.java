package io.taskstream.events.envelope;

import io.taskstream.events.data.EventData;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The one envelope every event travels in, shaped after CloudEvents 1.0.
 *
 * @param id      unique per event; consumers use it to drop duplicates
 * @param type    the versioned event type, e.g. {@code io.taskstream.task.ready.v1}
 * @param source  the emitting service and instance, e.g. {@code /taskstream/executor/host-1}
 * @param subject the task id (or, for run-wide events, the run id); also the Kafka record key
 * @param time    when the fact happened
 * @param runId   one scan is one run (a session in the seeds' words)
 * @param data    the typed payload
 */
public record Envelope<D extends EventData>(
        String id, String type, URI source, String subject, Instant time, String runId, D data) {

    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(data, "data");
        if (!type.equals(EventType.of(data).type())) {
            throw new IllegalArgumentException("type " + type + " does not match data " + data.getClass().getSimpleName());
        }
    }

    /** A new event with a random id, stamped now. */
    public static <D extends EventData> Envelope<D> of(URI source, String subject, String runId, D data) {
        return new Envelope<>(UUID.randomUUID().toString(), EventType.of(data).type(), source, subject,
                Instant.now(), runId, data);
    }

    /** The Kafka record key: one task's events stay ordered on one partition. */
    public String key() {
        return subject;
    }

    public EventType eventType() {
        return EventType.of(data);
    }
}
