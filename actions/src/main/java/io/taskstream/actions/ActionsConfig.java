package io.taskstream.actions;

import io.taskstream.runtime.config.ConfigCheck;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What typed actions need to reach the world: the cluster, the Docker engine and registries, the GitOps repo.
 * Executor and verifier read the same record, so both halves of an action talk to the same parts.
 *
 * @param kubeContext          the only kube context commands and checks may reach; empty: no cluster at all
 * @param kubeconfig           where that context is defined
 * @param dockerHost           the Docker Engine API, e.g. {@code unix:///var/run/docker.sock}
 * @param insecureRegistries   registries spoken to over plain HTTP besides loopback ones ({@code host:port})
 * @param gitops               the GitOps repo that {@code set-image} edits; empty when none is configured
 * @param commitWorkspaceRepos commit what a verified criterion changed in the workspace's git repositories
 * @param stateDir             where this instance keeps its clones (the GitOps repo's)
 */
public record ActionsConfig(String kubeContext, Path kubeconfig, String dockerHost, List<String> insecureRegistries,
                            Optional<GitOps> gitops, boolean commitWorkspaceRepos, Path stateDir) {
    public ActionsConfig {
        kubeContext = kubeContext == null ? "" : kubeContext;
        ConfigCheck.path("actions.kubeconfig", kubeconfig);
        ConfigCheck.text("actions.dockerHost", dockerHost, "the Docker Engine API, e.g. unix:///var/run/docker.sock");
        insecureRegistries = insecureRegistries == null ? List.of() : insecureRegistries;
        if (insecureRegistries.stream().anyMatch(r -> r == null || r.isBlank())) {
            throw ConfigCheck.invalid("actions.insecureRegistries", insecureRegistries, "host:port entries, none blank");
        }
        insecureRegistries = List.copyOf(insecureRegistries);
        gitops = gitops == null ? Optional.empty() : gitops;
        ConfigCheck.path("actions.stateDir", stateDir);
    }

    /**
     * The GitOps repo.
     *
     * @param remote     URL or path of its remote
     * @param overlay    directory whose {@code kubectl kustomize} must succeed before a commit; empty: none
     * @param branchMode push each change to {@code taskstream/<task>-<criterion>} for a person to merge
     */
    public record GitOps(String remote, String branch, String overlay, boolean branchMode) {
        public GitOps {
            ConfigCheck.text("actions.gitops.remote", remote, "the GitOps repo's remote (URL or path)");
            ConfigCheck.text("actions.gitops.branch", branch, "a branch name");
            overlay = overlay == null ? "" : overlay;
        }
    }

    public static ActionsConfig defaults(Path stateDir) {
        return new ActionsConfig("", defaultKubeconfig(), defaultDockerHost(), List.of(), Optional.empty(), true,
                stateDir);
    }

    /** This config keeping its clones in {@code stateDir}: each instance has its own. */
    public ActionsConfig withStateDir(Path stateDir) {
        return new ActionsConfig(kubeContext, kubeconfig, dockerHost, insecureRegistries, gitops, commitWorkspaceRepos,
                stateDir);
    }

    private static Path defaultKubeconfig() {
        String env = System.getenv("KUBECONFIG");
        return env != null && !env.isBlank() ? Path.of(env.split(File.pathSeparator)[0])
                : Path.of(System.getProperty("user.home"), ".kube", "config");
    }

    private static String defaultDockerHost() {
        String env = System.getenv("DOCKER_HOST");
        return env != null && !env.isBlank() ? env : "unix:///var/run/docker.sock";
    }
}
