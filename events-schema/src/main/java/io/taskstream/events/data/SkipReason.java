package io.taskstream.events.data;

/** Why a criterion was not run. */
public enum SkipReason {
    /** It has no executable step: a person has to do it. */
    NEEDS_HUMAN,
    /** A criterion it needs failed for good. */
    NEED_FAILED,
    /** Left out by the run's criteria filter. */
    FILTERED,
    /** A part it needs is not available to this pipeline: no Docker engine answers, no GitOps repo or cluster is configured. */
    UNAVAILABLE
}
