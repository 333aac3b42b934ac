package io.taskstream.events.data;

/** The payload of an event. Every implementation is an immutable record with a JSON Schema. */
public sealed interface EventData permits ScanRequested, ScanCompleted, TaskReady, TaskWaiting, TaskInvalid,
        CriterionStarted, CriterionCompleted, CriterionFailed, CriterionSkipped, CriterionRetry,
        CriterionVerified, VerificationFailed, TaskCompleted, TaskBlocked, TaskWithdrawn, TaskPlanned {
}
