package io.taskstream.events.data;

import java.util.List;

/**
 * What a run would do with one criterion.
 *
 * @param plan     {@code run}, {@code already-done} (checked in the file), {@code filtered} (left out by the
 *                 criteria filter) or {@code needs-human} (no executable step)
 * @param commands the run steps, secrets redacted
 * @param envNames names of the env entries (values are not shown: they may be secret)
 * @param verify   the checks the verifier would run; empty means it would be reported unverifiable
 */
public record PlannedCriterion(int number, String text, String plan, List<String> commands, String workingDir,
                               List<String> envNames, long timeoutSeconds, List<String> verify,
                               List<Integer> needs) {
    public PlannedCriterion {
        commands = List.copyOf(commands);
        envNames = List.copyOf(envNames);
        verify = List.copyOf(verify);
        needs = List.copyOf(needs);
    }
}
