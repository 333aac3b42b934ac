package io.taskstream.actions;

import io.taskstream.actions.probe.HttpProbe;
import io.taskstream.actions.probe.TlsProbe;
import io.taskstream.events.data.CriterionSpec;
import io.taskstream.runtime.process.CommandRunner;

import java.util.Map;
import java.util.Optional;

/**
 * The outside parts steps talk to, built once per service from its {@link ActionsConfig} and shared by every
 * step of every task.
 */
public final class Tools implements AutoCloseable {
    private final CommandRunner commands;
    private final Map<String, String> commandEnv;
    private final TlsProbe tls = new TlsProbe();
    private final HttpProbe http = new HttpProbe();

    /**
     * @param commands   runs shell steps
     * @param commandEnv added to every command's environment (the cluster guard's kubeconfig)
     */
    public Tools(CommandRunner commands, Map<String, String> commandEnv) {
        this.commands = commands;
        this.commandEnv = Map.copyOf(commandEnv);
    }

    public CommandRunner commands() {
        return commands;
    }

    public Map<String, String> commandEnv() {
        return commandEnv;
    }

    public TlsProbe tls() {
        return tls;
    }

    public HttpProbe http() {
        return http;
    }

    /** @return why the criterion cannot run against the configured cluster, or empty when it can */
    Optional<String> clusterProblem(CriterionSpec spec) {
        return Optional.empty();
    }

    @Override
    public void close() {
    }
}
