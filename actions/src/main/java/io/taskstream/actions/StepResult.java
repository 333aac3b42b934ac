package io.taskstream.actions;

import io.taskstream.events.data.FailureCause;

import java.util.Map;

/** What one step (or one half of a typed action) came to. */
public sealed interface StepResult {
    long durationMillis();

    /** The end of what the step printed or found, redacted; shown in events and reports. */
    String output();

    /**
     * The step did what it should.
     *
     * @param facts what a later check or step needs to know, e.g. {@code digest=sha256:…}; never secrets
     */
    record Done(long durationMillis, String output, Map<String, String> facts, long outputBytes)
            implements StepResult {
        public Done {
            facts = Map.copyOf(facts);
        }

        public Done(long durationMillis, String output, Map<String, String> facts) {
            this(durationMillis, output, facts, output.length());
        }

        public Done(long durationMillis, String output) {
            this(durationMillis, output, Map.of());
        }
    }

    /**
     * A part the step needs is not available to this pipeline (no Docker engine answers, no GitOps repo or cluster
     * is configured): the criterion is skipped with the reason rather than failed and retried.
     */
    record Unavailable(String reason) implements StepResult {
        @Override
        public long durationMillis() {
            return 0;
        }

        @Override
        public String output() {
            return "";
        }
    }

    /** Nothing can check this criterion: a person has to. */
    record Unverifiable(String reason) implements StepResult {
        @Override
        public long durationMillis() {
            return 0;
        }

        @Override
        public String output() {
            return "";
        }
    }

    /**
     * The step failed, timed out, or could not start.
     *
     * @param reason    one sentence that says what is wrong, e.g. which certificate was served
     * @param retryable whether trying again may help (a refused directory will not change by itself)
     */
    record Failed(FailureCause cause, int exitCode, String reason, long durationMillis, String output,
                  boolean retryable) implements StepResult {
        public static Failed notRunnable(String reason) {
            return new Failed(FailureCause.NOT_RUNNABLE, -1, reason, 0, "", false);
        }

        public static Failed refused(String reason) {
            return new Failed(FailureCause.SAFETY_CHECK, -1, reason, 0, "", false);
        }

        /** A step that ran and found the effect absent or wrong. */
        public static Failed found(String reason, long durationMillis, String output) {
            return new Failed(FailureCause.RUN_FAILED, -1, reason, durationMillis, output, true);
        }
    }
}
