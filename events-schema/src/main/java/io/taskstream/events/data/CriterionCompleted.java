package io.taskstream.events.data;

/**
 * Every step of the attempt succeeded; the verifier takes it from here.
 *
 * @param outputTail  the end of the combined output, capped and redacted
 * @param outputBytes how many bytes the steps printed in all
 */
public record CriterionCompleted(int criterion, String text, int attempt, String attemptId, int exitCode,
                                 long durationMillis, String outputTail, long outputBytes, boolean dryRun)
        implements EventData {
}
