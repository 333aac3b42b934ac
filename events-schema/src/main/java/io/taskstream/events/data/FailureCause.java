package io.taskstream.events.data;

/** Why an attempt at a criterion failed. */
public enum FailureCause {
    /** A step exited non-zero. */
    RUN_FAILED,
    /** A step ran past its timeout and its process tree was killed. */
    TIMED_OUT,
    /** The steps ran but the verifier's independent check did not pass. */
    VERIFICATION_FAILED,
    /** A safety check before running refused it (workspace, branch, cluster context). */
    SAFETY_CHECK,
    /** The step could not be started at all (missing directory, unknown action). */
    NOT_RUNNABLE
}
