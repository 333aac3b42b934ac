package io.taskstream.runtime.progress;

import io.taskstream.events.data.CriterionSpec;

import java.util.Map;

/**
 * One criterion's state in a run.
 *
 * @param attempt the current (or next, when waiting for a retry) attempt number
 * @param detail  the last reason or output worth reporting
 * @param facts   what the last completed attempt established (from its {@code criterion.completed})
 */
public record CriterionProgress(CriterionSpec spec, Phase phase, int attempt, String detail,
                                Map<String, String> facts) {
    public CriterionProgress {
        facts = Map.copyOf(facts);
    }

    CriterionProgress to(Phase next, int attemptNow, String why) {
        return new CriterionProgress(spec, next, attemptNow, why == null ? detail : why, facts);
    }

    CriterionProgress withFacts(Map<String, String> established) {
        return new CriterionProgress(spec, phase, attempt, detail, established);
    }
}
