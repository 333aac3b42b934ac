package io.taskstream.events.data;

import java.time.Instant;

/**
 * A retry of a criterion, held on the retry topic until due and then forwarded to the event log.
 *
 * @param attempt the attempt number this retry will be
 */
public record CriterionRetry(int criterion, String text, int attempt, Instant dueAt, FailureCause previousCause)
        implements EventData {
}
