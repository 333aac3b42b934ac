package io.taskstream.runtime.progress;

import io.taskstream.events.data.CriterionSpec;

import java.util.List;
import java.util.Map;

/**
 * One criterion's state in a run.
 *
 * @param attempt   the current (or next, when waiting for a retry) attempt number
 * @param attemptId the id of the current attempt, from its {@code criterion.started} (or {@code criterion.completed});
 *                  null while that attempt has not started. A failed verification is reported under this id: it
 *                  is the attempt that was checked.
 * @param detail    the last reason or output worth reporting
 * @param facts     what the last completed attempt established (from its {@code criterion.completed})
 * @param changedFiles workspace files the last completed attempt changed
 */
public record CriterionProgress(CriterionSpec spec, Phase phase, int attempt, String attemptId, String detail,
                                Map<String, String> facts, List<String> changedFiles) {
    public CriterionProgress {
        facts = Map.copyOf(facts);
        changedFiles = List.copyOf(changedFiles);
    }

    CriterionProgress to(Phase next, int attemptNow, String why) {
        String id = attemptNow == attempt ? attemptId : null;
        return new CriterionProgress(spec, next, attemptNow, id, why == null ? detail : why, facts, changedFiles);
    }

    CriterionProgress startedAs(String id) {
        return new CriterionProgress(spec, phase, attempt, id, detail, facts, changedFiles);
    }

    CriterionProgress completedWith(String id, Map<String, String> established, List<String> changed) {
        return new CriterionProgress(spec, phase, attempt, id, detail, established, changed);
    }
}
