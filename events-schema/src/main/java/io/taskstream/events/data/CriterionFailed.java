package io.taskstream.events.data;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;

/**
 * An attempt at a criterion failed, and the executor's decision about it.
 *
 * @param exitCode the failing step's exit code; -1 when there was none
 * @param retryAt  when the next attempt is due; {@code null} when this failure is final
 */
public record CriterionFailed(int criterion, String text, int attempt, String attemptId, FailureCause cause,
                              int exitCode, long durationMillis, String outputTail, String reason,
                              Instant retryAt) implements EventData {
    /** Derived from {@code retryAt}; not a JSON property (the schema and the decoder know only the components). */
    @JsonIgnore
    public boolean isFinal() {
        return retryAt == null;
    }
}
