package io.taskstream.events.data;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.List;

/**
 * An attempt at a criterion failed, and the executor's decision about it.
 *
 * @param exitCode the failing step's exit code; -1 when there was none
 * @param retryAt  when the next attempt is due; {@code null} when this failure is final
 * @param changedFiles workspace-relative paths of files the attempt left changed (nothing of them is committed)
 */
public record CriterionFailed(int criterion, String text, int attempt, String attemptId, FailureCause cause,
                              int exitCode, long durationMillis, String outputTail, String reason,
                              Instant retryAt, List<String> changedFiles) implements EventData {
    public CriterionFailed {
        changedFiles = changedFiles == null ? List.of() : List.copyOf(changedFiles);
    }

    /** A failure that left no files changed. */
    public CriterionFailed(int criterion, String text, int attempt, String attemptId, FailureCause cause,
                           int exitCode, long durationMillis, String outputTail, String reason, Instant retryAt) {
        this(criterion, text, attempt, attemptId, cause, exitCode, durationMillis, outputTail, reason, retryAt,
                List.of());
    }

    /** Derived from {@code retryAt}; not a JSON property (the schema and the decoder know only the components). */
    @JsonIgnore
    public boolean isFinal() {
        return retryAt == null;
    }
}
