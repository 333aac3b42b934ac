package io.taskstream.runtime.progress;

import io.taskstream.events.data.CriterionSpec;

/**
 * One criterion's state in a run.
 *
 * @param attempt the current (or next, when waiting for a retry) attempt number
 * @param detail  the last reason or output worth reporting
 */
public record CriterionProgress(CriterionSpec spec, Phase phase, int attempt, String detail) {

    CriterionProgress to(Phase next, int attemptNow, String why) {
        return new CriterionProgress(spec, next, attemptNow, why == null ? detail : why);
    }
}
