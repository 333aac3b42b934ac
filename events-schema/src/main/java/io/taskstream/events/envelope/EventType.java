package io.taskstream.events.envelope;

import io.taskstream.events.data.*;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/** Every event type with its versioned CloudEvents type, payload record and JSON Schema. */
public enum EventType {
    SCAN_REQUESTED("scan.requested", ScanRequested.class),
    SCAN_COMPLETED("scan.completed", ScanCompleted.class),
    TASK_READY("task.ready", TaskReady.class),
    TASK_WAITING("task.waiting", TaskWaiting.class),
    TASK_INVALID("task.invalid", TaskInvalid.class),
    CRITERION_STARTED("criterion.started", CriterionStarted.class),
    CRITERION_COMPLETED("criterion.completed", CriterionCompleted.class),
    CRITERION_FAILED("criterion.failed", CriterionFailed.class),
    CRITERION_SKIPPED("criterion.skipped", CriterionSkipped.class),
    CRITERION_RETRY("criterion.retry", CriterionRetry.class),
    CRITERION_VERIFIED("criterion.verified", CriterionVerified.class),
    VERIFICATION_FAILED("verification.failed", VerificationFailed.class),
    TASK_COMPLETED("task.completed", TaskCompleted.class),
    TASK_BLOCKED("task.blocked", TaskBlocked.class),
    TASK_WITHDRAWN("task.withdrawn", TaskWithdrawn.class),
    TASK_PLANNED("task.planned", TaskPlanned.class);

    public static final int VERSION = 1;
    /** Where every schema's {@code $id} lives; the file name follows it. */
    public static final String SCHEMA_BASE = "https://schemas.taskstream.dev/";
    private static final String PREFIX = "io.taskstream.";

    private final String shortName;
    private final Class<? extends EventData> dataClass;

    EventType(String shortName, Class<? extends EventData> dataClass) {
        this.shortName = shortName;
        this.dataClass = dataClass;
    }

    /** The CloudEvents type, e.g. {@code io.taskstream.task.ready.v1}. */
    public String type() {
        return PREFIX + shortName + ".v" + VERSION;
    }

    /** The name people read, e.g. {@code task.ready}. */
    public String shortName() {
        return shortName;
    }

    public Class<? extends EventData> dataClass() {
        return dataClass;
    }

    /** Classpath location of the JSON Schema of the whole structured event. */
    public String schemaResource() {
        return "/schemas/" + shortName + ".v" + VERSION + ".json";
    }

    /**
     * The {@code $id} of the type's JSON Schema, e.g. {@code https://schemas.taskstream.dev/task.ready.v1.json};
     * every event of the type carries it as its CloudEvents {@code dataschema}.
     */
    public URI schemaId() {
        return URI.create(SCHEMA_BASE + shortName + ".v" + VERSION + ".json");
    }

    public static EventType of(EventData data) {
        return Arrays.stream(values()).filter(t -> t.dataClass == data.getClass()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event type for " + data.getClass()));
    }

    public static Optional<EventType> fromType(String type) {
        return Arrays.stream(values()).filter(t -> t.type().equals(type)).findFirst();
    }
}
