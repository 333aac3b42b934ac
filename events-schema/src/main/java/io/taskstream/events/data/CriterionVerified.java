package io.taskstream.events.data;

/**
 * The verifier's independent check passed and the box is checked in the task repo.
 *
 * @param commit the task repo commit that records it
 */
public record CriterionVerified(int criterion, String text, int attempt, String commit, long durationMillis,
                                String outputTail) implements EventData {
}
