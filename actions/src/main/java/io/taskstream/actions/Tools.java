package io.taskstream.actions;

import io.taskstream.actions.build.DockerEngine;
import io.taskstream.actions.build.ImageBuild;
import io.taskstream.actions.build.RegistryClient;
import io.taskstream.actions.gitops.GitOpsConfig;
import io.taskstream.actions.gitops.GitOpsRepo;
import io.taskstream.actions.kube.Cluster;
import io.taskstream.actions.kube.ClusterGuard;
import io.taskstream.actions.probe.HttpProbe;
import io.taskstream.actions.probe.TlsProbe;
import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.runtime.lifecycle.Resources;
import io.taskstream.runtime.process.CommandRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
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
    private final Optional<ClusterGuard> guard;

    private Tools(CommandRunner commands, Map<String, String> commandEnv, DockerEngine docker,
                  RegistryClient registry, Optional<GitOpsRepo> gitops, Optional<ClusterGuard> guard) {
        this.commands = commands;
        this.commandEnv = Map.copyOf(commandEnv);
        this.docker = docker;
        this.images = new ImageBuild(docker);
        this.registry = registry;
        this.gitops = gitops;
        this.guard = guard;
    }

    /**
     * Tools for shell steps and checks that reach nothing configured: no cluster guard, no GitOps repo.
     *
     * @param commandEnv added to every command's environment
     */
    public Tools(CommandRunner commands, Map<String, String> commandEnv) {
        this(commands, commandEnv, DockerEngine.fromEnvironment(), new RegistryClient(), Optional.empty(),
                Optional.empty());
    }

    /**
     * Builds what the configuration names. A configured kube context must exist in the kubeconfig: otherwise
     * the service does not start ({@link IllegalArgumentException} naming the file and the contexts it has).
     */
    public static Tools open(ActionsConfig config, CommandRunner commands) {
        Optional<Cluster> cluster = config.kubeContext().isEmpty() ? Optional.empty()
                : Optional.of(Cluster.configured(config.kubeconfig(), config.kubeContext()));
        ClusterGuard guard;
        try {
            guard = ClusterGuard.create(cluster, config.stateDir().resolve("kube"));
        } catch (IOException e) {
            cluster.ifPresent(Cluster::close);
            throw new UncheckedIOException("cannot write the commands' kubeconfig under " + config.stateDir(), e);
        }
        Optional<GitOpsRepo> gitops = config.gitops().map(g -> new GitOpsRepo(new GitOpsConfig(g.remote(),
                g.branch(), config.stateDir().resolve("gitops"), IDENTITY, g.overlay(), g.branchMode())));
        return new Tools(commands, Map.of(), new DockerEngine(URI.create(config.dockerHost())),
                new RegistryClient(new HashSet<>(config.insecureRegistries()), Duration.ofSeconds(10)), gitops,
                Optional.of(guard));
    }

    public CommandRunner commands() {
        return commands;
    }

    /**
     * @param stepEnv the criterion's own environment, secrets resolved
     * @return what a command or check runs with: with the cluster guard, {@code KUBECONFIG} names a file that holds
     *         only the configured context (or none at all), whatever the step set
     */
    public Map<String, String> commandEnvironment(Map<String, String> stepEnv) {
        Map<String, String> env = new java.util.HashMap<>(stepEnv);
        env.putAll(commandEnv);
        return guard.map(g -> g.environment(env)).orElse(env);
    }

    public Optional<Cluster> cluster() {
        return guard.flatMap(ClusterGuard::cluster);
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

    @Override
    public void close() {
        Resources.closeAll(gitops.orElse(null), docker, cluster().orElse(null));
    }
}
