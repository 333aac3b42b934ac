package io.taskstream.executor.retry;

import java.time.Duration;
import java.time.Instant;

/** How often and when a failed criterion is tried again: capped attempts, doubling backoff. */
public record RetryPolicy(int maxAttempts, Duration backoff) {

    /** @return when the next attempt is due, or null when {@code attempt} was the last one */
    public Instant nextAttemptAt(int attempt, Instant now) {
        if (attempt >= maxAttempts) {
            return null;
        }
        return now.plus(backoff.multipliedBy(1L << Math.min(attempt - 1, 10)));
    }
}
