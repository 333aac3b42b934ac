package io.taskstream.actions;

import io.taskstream.events.data.CriterionSpec;
import io.taskstream.runtime.process.CommandRunner;

import java.util.Map;
import java.util.Optional;

/**
 * The outside parts steps talk to, built once per service from its configuration and shared by every step.
 *
 * @param commands   runs shell steps
 * @param commandEnv added to every command's environment (the cluster guard's kubeconfig)
 */
public record Tools(CommandRunner commands, Map<String, String> commandEnv) {
    public Tools {
        commandEnv = Map.copyOf(commandEnv);
    }

    /** @return why the criterion cannot run against the configured cluster, or empty when it can */
    Optional<String> clusterProblem(CriterionSpec spec) {
        return Optional.empty();
    }
}
