package io.taskstream.runtime.progress;

import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Source;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Hand-built tasks and events for folding tests. */
final class Events {
    static final String TASK = "TASK-1";
    static final String RUN = "run-1";

    private Events() {
    }

    static CriterionSpec criterion(int number, boolean checked, Integer... needs) {
        return new CriterionSpec(number, "criterion " + number, 10 + number, checked, List.of("echo " + number),
                "", Map.of(), 0, List.of("true"), Arrays.asList(needs), List.of());
    }

    static CriterionSpec manual(int number) {
        return new CriterionSpec(number, "manual " + number, 10 + number, false, List.of(), "", Map.of(), 0,
                List.of(), List.of(), List.of());
    }

    static TaskReady ready(String taskId, ExecutionOptions options, CriterionSpec... criteria) {
        TaskSnapshot task = new TaskSnapshot(taskId, "Title of " + taskId, "high", "active",
                "tasks/active/" + taskId + ".md", List.of(), List.of(), "general", List.of(criteria));
        return new TaskReady(task, "c0ffee", 1, options);
    }

    static TaskReady ready(CriterionSpec... criteria) {
        return ready(TASK, ExecutionOptions.defaults(), criteria);
    }

    static Envelope<EventData> event(EventData data) {
        return event(RUN, TASK, data);
    }

    static Envelope<EventData> event(String runId, String taskId, EventData data) {
        return Envelope.of(Source.of("test", "1"), taskId, runId, data);
    }

    static CriterionStarted started(int n, int attempt) {
        return new CriterionStarted(n, "criterion " + n, attempt, "att-" + n + "-" + attempt, "exec-1",
                List.of("echo " + n), "", false);
    }

    static CriterionCompleted completed(int n, int attempt) {
        return new CriterionCompleted(n, "criterion " + n, attempt, "att-" + n + "-" + attempt, 0, 5, "ok", 3, false);
    }

    static CriterionFailed failed(int n, int attempt, Instant retryAt) {
        return new CriterionFailed(n, "criterion " + n, attempt, "att-" + n + "-" + attempt, FailureCause.RUN_FAILED,
                1, 5, "boom", "exit 1", retryAt);
    }

    static CriterionRetry retry(int n, int attempt) {
        return new CriterionRetry(n, "criterion " + n, attempt, Instant.now(), FailureCause.RUN_FAILED);
    }

    static CriterionVerified verified(int n, int attempt) {
        return new CriterionVerified(n, "criterion " + n, attempt, "abc123", 5, "ok");
    }

    static VerificationFailed verificationFailed(int n, int attempt, boolean unverifiable) {
        return new VerificationFailed(n, "criterion " + n, attempt, unverifiable ? -1 : 1, "",
                unverifiable ? "no verification" : "check failed", unverifiable);
    }

    static CriterionSkipped skipped(int n, SkipReason reason) {
        return new CriterionSkipped(n, "criterion " + n, reason, "skipped: " + reason);
    }

    static TaskCompleted taskCompleted() {
        return new TaskCompleted("Title", "abc123", "tasks/completed/" + TASK + ".md", 1);
    }

    static TaskWithdrawn taskWithdrawn() {
        return new TaskWithdrawn("tasks/active/" + TASK + ".md", "deleted", "abc123");
    }

    static TaskPlanned taskPlanned() {
        return new TaskPlanned("Title", "exec-1", List.of());
    }

    static TaskBlocked taskBlocked() {
        return new TaskBlocked("Title", "blocked", false, List.of("criterion 1"), "abc123");
    }
}
