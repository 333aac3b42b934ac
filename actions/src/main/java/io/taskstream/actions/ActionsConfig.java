package io.taskstream.actions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

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
        insecureRegistries = List.copyOf(insecureRegistries);
    }

    /**
     * The GitOps repo.
     *
     * @param remote     URL or path of its remote
     * @param overlay    directory whose {@code kubectl kustomize} must succeed before a commit; empty: none
     * @param branchMode push each change to {@code taskstream/<task>-<criterion>} for a person to merge
     */
    public record GitOps(String remote, String branch, String overlay, boolean branchMode) {
    }

    public static ActionsConfig defaults(Path stateDir) {
        return new ActionsConfig("", defaultKubeconfig(), defaultDockerHost(), List.of(), Optional.empty(), true,
                stateDir);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("kubeContext", kubeContext).put("kubeconfig", kubeconfig.toString())
                .put("dockerHost", dockerHost).put("insecureRegistries", new JsonArray(insecureRegistries))
                .put("commitWorkspaceRepos", commitWorkspaceRepos).put("stateDir", stateDir.toString());
        gitops.ifPresent(g -> json.put("gitops", new JsonObject().put("remote", g.remote()).put("branch", g.branch())
                .put("overlay", g.overlay()).put("branchMode", g.branchMode())));
        return json;
    }

    public static ActionsConfig fromJson(JsonObject json, Path defaultStateDir) {
        JsonObject g = json.getJsonObject("gitops");
        return new ActionsConfig(json.getString("kubeContext", ""),
                Path.of(json.getString("kubeconfig", defaultKubeconfig().toString())),
                json.getString("dockerHost", defaultDockerHost()),
                json.getJsonArray("insecureRegistries", new JsonArray()).stream().map(String::valueOf).toList(),
                Optional.ofNullable(g).map(o -> new GitOps(o.getString("remote"), o.getString("branch", "main"),
                        o.getString("overlay", ""), o.getBoolean("branchMode", false))),
                json.getBoolean("commitWorkspaceRepos", true),
                Path.of(json.getString("stateDir", defaultStateDir.toString())));
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
