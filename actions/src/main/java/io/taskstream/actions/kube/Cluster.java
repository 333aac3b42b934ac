package io.taskstream.actions.kube;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one cluster commands and checks may talk to: one context of one kubeconfig, checked to exist when
 * configured. Hands out a client bound to that context and a stand-alone kubeconfig holding nothing else.
 */
public final class Cluster implements AutoCloseable {
    private final Path kubeconfig;
    private final String context;
    private final Config minified;
    private KubernetesClient client;

    private Cluster(Path kubeconfig, String context, Config minified) {
        this.kubeconfig = kubeconfig;
        this.context = context;
        this.minified = minified;
    }

    /**
     * @throws IllegalArgumentException when the file cannot be read, or does not hold the context, its cluster
     *                                  or its user; the message names the file and the contexts it has
     */
    public static Cluster configured(Path kubeconfig, String context) {
        if (context == null || context.isBlank()) {
            throw new IllegalArgumentException("no kube context named for " + kubeconfig);
        }
        if (!Files.isRegularFile(kubeconfig)) {
            throw new IllegalArgumentException("kubeconfig " + kubeconfig + " does not exist");
        }
        Config all;
        try {
            all = Serialization.unmarshal(Files.readString(kubeconfig), Config.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
        }
        NamedContext named = find(all.getContexts(), NamedContext::getName, context).orElseThrow(() ->
                new IllegalArgumentException("kube context '" + context + "' is not in " + kubeconfig + "; it has "
                        + names(all.getContexts())));
        String clusterName = named.getContext() == null ? null : named.getContext().getCluster();
        NamedCluster cluster = find(all.getClusters(), NamedCluster::getName, clusterName).orElseThrow(() ->
                new IllegalArgumentException("kube context '" + context + "' in " + kubeconfig
                        + " names cluster '" + clusterName + "', which the file does not define"));
        String userName = named.getContext().getUser();
        Optional<NamedAuthInfo> user = find(all.getUsers(), NamedAuthInfo::getName, userName);
        if (userName != null && !userName.isEmpty() && user.isEmpty()) {
            throw new IllegalArgumentException("kube context '" + context + "' in " + kubeconfig
                    + " names user '" + userName + "', which the file does not define");
        }
        Path base = kubeconfig.toAbsolutePath().getParent();
        Config minified = new ConfigBuilder()
                .withApiVersion("v1")
                .withKind("Config")
                .withCurrentContext(context)
                .withContexts(named)
                .withClusters(inlineCluster(cluster, base))
                .withUsers(user.map(u -> List.of(inlineUser(u, base))).orElse(List.of()))
                .build();
        return new Cluster(kubeconfig, context, minified);
    }

    public String context() {
        return context;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** A client for the configured context only; created once, closed with this. */
    public synchronized KubernetesClient client() {
        if (client == null) {
            // Built from the minified config, so neither $KUBECONFIG nor ~/.kube/config nor in-cluster
            // service-account settings can redirect it.
            io.fabric8.kubernetes.client.Config config = io.fabric8.kubernetes.client.Config.fromKubeconfig(
                    context, Serialization.asYaml(minified), null);
            // fromKubeconfig lets KUBERNETES_MASTER / kubernetes.master override the server; the context decides.
            config.setMasterUrl(minified.getClusters().get(0).getCluster().getServer());
            client = new KubernetesClientBuilder().withConfig(config).build();
        }
        return client;
    }

    /**
     * Writes {@code dir/kubeconfig} (mode 0600): the context, its cluster and its user, certificate and key files
     * inlined, {@code current-context} set, like {@code kubectl config view --minify --flatten}.
     */
    public Path minifiedKubeconfig(Path dir) throws IOException {
        return KubeconfigFiles.writePrivate(dir.resolve("kubeconfig"), Serialization.asYaml(minified));
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private static NamedCluster inlineCluster(NamedCluster named, Path base) {
        io.fabric8.kubernetes.api.model.Cluster c = named.getCluster().toBuilder().build();
        if (c.getCertificateAuthority() != null && !c.getCertificateAuthority().isEmpty()) {
            c.setCertificateAuthorityData(base64(base, c.getCertificateAuthority()));
            c.setCertificateAuthority(null);
        }
        return new NamedCluster(c, named.getName());
    }

    private static NamedAuthInfo inlineUser(NamedAuthInfo named, Path base) {
        AuthInfo u = named.getUser() == null ? new AuthInfo() : named.getUser().toBuilder().build();
        if (u.getClientCertificate() != null && !u.getClientCertificate().isEmpty()) {
            u.setClientCertificateData(base64(base, u.getClientCertificate()));
            u.setClientCertificate(null);
        }
        if (u.getClientKey() != null && !u.getClientKey().isEmpty()) {
            u.setClientKeyData(base64(base, u.getClientKey()));
            u.setClientKey(null);
        }
        return new NamedAuthInfo(named.getName(), u);
    }

    private static String base64(Path base, String file) {
        Path path = base.resolve(file);
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot inline " + path + " into the kubeconfig: " + e.getMessage(), e);
        }
    }

    private static <T> Optional<T> find(List<T> items, java.util.function.Function<T, String> name, String wanted) {
        return items == null || wanted == null ? Optional.empty()
                : items.stream().filter(i -> wanted.equals(name.apply(i))).findFirst();
    }

    private static String names(List<NamedContext> contexts) {
        return contexts == null || contexts.isEmpty() ? "no contexts"
                : "contexts " + contexts.stream().map(c -> "'" + c.getName() + "'").collect(Collectors.joining(", "));
    }
}
