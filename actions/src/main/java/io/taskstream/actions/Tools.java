package io.taskstream.actions;

import io.taskstream.actions.build.DockerEngine;
import io.taskstream.actions.build.ImageBuild;
import io.taskstream.actions.build.RegistryClient;
import io.taskstream.actions.gitops.GitOpsConfig;
import io.taskstream.actions.gitops.GitOpsRepo;
import io.taskstream.actions.probe.HttpProbe;
import io.taskstream.actions.probe.TlsProbe;
import io.taskstream.events.data.CriterionSpec;
import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.runtime.lifecycle.Resources;
import io.taskstream.runtime.process.CommandRunner;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;

/**
 * The outside parts steps talk to, built once per service from its {@link ActionsConfig} and shared by every
 * step of every task.
 */
public final class Tools implements AutoCloseable {
    public static final GitTaskRepo.Identity IDENTITY =
            new GitTaskRepo.Identity("Taskstream", "taskstream@taskstream.invalid");

    private final CommandRunner commands;
    private final Map<String, String> commandEnv;
    private final TlsProbe tls = new TlsProbe();
    private final HttpProbe http = new HttpProbe();
    private final DockerEngine docker;
    private final ImageBuild images;
    private final RegistryClient registry;
    private final Optional<GitOpsRepo> gitops;

    private Tools(CommandRunner commands, Map<String, String> commandEnv, DockerEngine docker,
                  RegistryClient registry, Optional<GitOpsRepo> gitops) {
        this.commands = commands;
        this.commandEnv = Map.copyOf(commandEnv);
        this.docker = docker;
        this.images = new ImageBuild(docker);
        this.registry = registry;
        this.gitops = gitops;
    }

    /** Tools for shell steps and checks that reach nothing configured: no cluster, no GitOps repo. */
    public Tools(CommandRunner commands, Map<String, String> commandEnv) {
        this(commands, commandEnv, DockerEngine.fromEnvironment(), new RegistryClient(), Optional.empty());
    }

    public static Tools open(ActionsConfig config, CommandRunner commands) {
        Optional<GitOpsRepo> gitops = config.gitops().map(g -> new GitOpsRepo(new GitOpsConfig(g.remote(),
                g.branch(), config.stateDir().resolve("gitops"), IDENTITY, g.overlay(), g.branchMode())));
        return new Tools(commands, Map.of(), new DockerEngine(URI.create(config.dockerHost())),
                new RegistryClient(new HashSet<>(config.insecureRegistries()), Duration.ofSeconds(10)), gitops);
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

    public DockerEngine docker() {
        return docker;
    }

    public ImageBuild images() {
        return images;
    }

    public RegistryClient registry() {
        return registry;
    }

    public Optional<GitOpsRepo> gitops() {
        return gitops;
    }

    /** @return why the criterion cannot run against the configured cluster, or empty when it can */
    Optional<String> clusterProblem(CriterionSpec spec) {
        return Optional.empty();
    }

    @Override
    public void close() {
        Resources.closeAll(gitops.orElse(null), docker);
    }
}
