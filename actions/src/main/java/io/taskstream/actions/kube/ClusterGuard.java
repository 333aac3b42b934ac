package io.taskstream.actions.kube;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides what cluster a command can reach by what it is given, not by what its text says: every command and
 * every verify runs with {@code KUBECONFIG} pointing at a file that holds the configured context and nothing
 * else, or, with no context configured, at a file with no contexts at all.
 *
 * <p>kubectl, helm and flux read only {@code $KUBECONFIG} when it is set and non-empty, so {@code ~/.kube/config}
 * is not consulted; they fall back to in-cluster service-account settings (or {@code $KUBERNETES_MASTER}) when
 * the kubeconfig is empty, which is why those variables are removed. A command that names another kubeconfig
 * explicitly still reaches whatever files its user can read; keeping those out is the host's job.
 */
public final class ClusterGuard {
    /** Variables through which a client finds a cluster without a kubeconfig. */
    public static final List<String> REMOVED = List.of("KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT",
            "KUBERNETES_MASTER");
    private static final Pattern CLUSTER_COMMAND = Pattern.compile("(^|[\\s;&|(`$])(kubectl|helm|flux)(\\s|$)");

    private final Optional<Cluster> cluster;
    private final Path kubeconfig;

    private ClusterGuard(Optional<Cluster> cluster, Path kubeconfig) {
        this.cluster = cluster;
        this.kubeconfig = kubeconfig;
    }

    /**
     * Writes the kubeconfig commands will get into {@code dir}: the cluster's minified one, or an empty one.
     *
     * @param cluster the configured cluster, or empty when no kube context is configured
     */
    public static ClusterGuard create(Optional<Cluster> cluster, Path dir) throws IOException {
        Path file = cluster.isPresent() ? cluster.get().minifiedKubeconfig(dir)
                : KubeconfigFiles.writePrivate(dir.resolve("kubeconfig-none"), KubeconfigFiles.EMPTY);
        return new ClusterGuard(cluster, file);
    }

    public Optional<Cluster> cluster() {
        return cluster;
    }

    /** The kubeconfig every command gets. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /**
     * @param env the step's own variables (the task's env, resolved secrets); they cannot choose the kubeconfig
     * @return {@code env} with {@code KUBECONFIG} set to {@link #kubeconfig()} and {@link #REMOVED} taken out
     */
    public Map<String, String> environment(Map<String, String> env) {
        Map<String, String> guarded = new HashMap<>(env);
        REMOVED.forEach(guarded::remove);
        guarded.put("KUBECONFIG", kubeconfig.toString());
        return Map.copyOf(guarded);
    }

    /**
     * A heuristic, for warnings only: whether a command's text seems to call kubectl, helm or flux. It misses
     * {@code /usr/local/bin/kubectl}, scripts and aliases, so it must never decide what may run; only
     * {@link #environment} does.
     */
    public static boolean mentionsCluster(List<String> commands) {
        return commands.stream().anyMatch(c -> CLUSTER_COMMAND.matcher(c).find());
    }
}
