package io.taskstream.events.data;

import java.util.List;
import java.util.Map;

/**
 * One acceptance criterion and its steps.
 *
 * @param number         1-based, in listed order
 * @param line           the line of its checkbox in the task file
 * @param checked        already {@code [x]} in the file: never run again
 * @param run            shell steps, run in order with {@code bash -c}
 * @param workingDir     relative to the workspace root; empty for the root
 * @param timeoutSeconds 0 for the executor's default
 * @param verify         independent checks, run only by the verifier
 * @param needs          numbers of earlier criteria that must be verified first
 * @param actions        typed actions (build, set-image, k8s-ready, http, tls)
 */
public record CriterionSpec(int number, String text, int line, boolean checked, List<String> run,
                            String workingDir, Map<String, String> env, long timeoutSeconds,
                            List<String> verify, List<Integer> needs, List<ActionSpec> actions) {
    public CriterionSpec {
        run = List.copyOf(run);
        env = Map.copyOf(env);
        verify = List.copyOf(verify);
        needs = List.copyOf(needs);
        actions = List.copyOf(actions);
        workingDir = workingDir == null ? "" : workingDir;
    }

    public boolean executable() {
        return !run.isEmpty() || !actions.isEmpty();
    }
}
