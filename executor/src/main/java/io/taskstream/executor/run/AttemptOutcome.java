package io.taskstream.executor.run;

import io.taskstream.events.data.FailureCause;

/** What one attempt at a criterion came to. */
public sealed interface AttemptOutcome {
    long durationMillis();

    String output();

    /** Every step succeeded. */
    record Succeeded(long durationMillis, String output, long outputBytes) implements AttemptOutcome {
    }

    /**
     * A step failed, timed out, or could not start.
     *
     * @param retryable whether trying again may help (a refused directory will not change by itself)
     */
    record Failed(FailureCause cause, int exitCode, String reason, long durationMillis, String output,
                  boolean retryable) implements AttemptOutcome {
    }
}
