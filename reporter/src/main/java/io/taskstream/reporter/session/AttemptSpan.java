package io.taskstream.reporter.session;

import java.time.Instant;

/**
 * One attempt at a criterion in time, for timelines: when it started, when its commands ended, when the
 * verifier's check ended and when a retry of it came due.
 *
 * @param ran      when its commands ended (completed or failed); null while running
 * @param checked  when the verifier's check ended; null when it was not checked
 * @param retryAt  when the next attempt was due after this one failed; null when none was scheduled
 */
public record AttemptSpan(int attempt, Instant start, Instant ran, Instant checked, Outcome outcome,
                          Instant retryAt) {

    /** How the attempt ended. */
    public enum Outcome {
        /** Its commands and its check passed. */
        VERIFIED,
        /** Its commands failed (exit code, timeout, safety check, not runnable). */
        FAILED,
        /** Its commands succeeded but the verifier's check did not pass: the effect is absent. */
        CHECK_FAILED,
        /** Its commands succeeded and the check has no answer yet, or cannot be made. */
        RAN,
        /** Still running as far as the events tell. */
        RUNNING
    }

    AttemptSpan withRan(Instant t, Outcome o) {
        return new AttemptSpan(attempt, start, t, checked, o, retryAt);
    }

    AttemptSpan withChecked(Instant t, Outcome o) {
        return new AttemptSpan(attempt, start, ran, t, o, retryAt);
    }

    AttemptSpan withRetryAt(Instant t) {
        return new AttemptSpan(attempt, start, ran, checked, outcome, t);
    }

    /** When the attempt ended as far as the events tell: its check, else its commands, else its start. */
    public Instant end() {
        return checked != null ? checked : ran != null ? ran : start;
    }
}
