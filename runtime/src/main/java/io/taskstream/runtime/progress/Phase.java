package io.taskstream.runtime.progress;

/** Where a criterion stands within one run, as the event log tells it. */
public enum Phase {
    /** Checked in the file before the run: not run again. */
    ALREADY_DONE(true),
    /** Waiting to be run (first attempt, or a retry that came due). */
    PENDING(false),
    RUNNING(false),
    /** Ran; the verifier's check is outstanding. */
    AWAITING_VERIFICATION(false),
    /** The verifier's check failed; the executor's decision (retry or give up) is outstanding. */
    VERIFICATION_FAILED(false),
    /** Failed; a retry is scheduled. */
    RETRY_WAIT(false),
    VERIFIED(true),
    /** Failed for good. */
    FAILED(true),
    /** Not run: needs a person, a need failed, or filtered out. */
    SKIPPED(true),
    /** Ran, but nothing can check it: needs a person. */
    UNVERIFIABLE(true);

    private final boolean terminal;

    Phase(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean terminal() {
        return terminal;
    }

    /** Done as far as the file is concerned: its box is (or will be) checked. */
    public boolean done() {
        return this == ALREADY_DONE || this == VERIFIED;
    }
}
