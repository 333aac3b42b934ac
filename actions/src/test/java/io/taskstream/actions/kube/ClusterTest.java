package io.taskstream.actions.kube;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@EnableKubernetesMockClient(crud = true)
@Timeout(60)
class ClusterTest {
    KubernetesClient client;

    @TempDir
    Path home;

    @TempDir
    Path out;

    @Test
    void refusesAContextTheKubeconfigDoesNotHave() throws Exception {
        Path kubeconfig = Kubeconfigs.write(home, "https://127.0.0.1:1");

        assertThatThrownBy(() -> Cluster.configured(kubeconfig, "staging"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kube context 'staging' is not in " + kubeconfig
                        + "; it has contexts 'taskstream-test', 'prod', 'files'");
        assertThatThrownBy(() -> Cluster.configured(home.resolve("missing"), "prod"))
                .hasMessageContaining("missing does not exist");
    }

    @Test
    void minifiedKubeconfigHoldsOnlyTheConfiguredContext() throws Exception {
        Path kubeconfig = Kubeconfigs.write(home, client.getConfiguration().getMasterUrl());
        try (Cluster cluster = Cluster.configured(kubeconfig, "taskstream-test")) {
            Path minified = cluster.minifiedKubeconfig(out);

            assertThat(Files.getPosixFilePermissions(minified)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(kubectl(minified, "config", "get-contexts", "-o", "name")).isEqualTo("taskstream-test\n");
            assertThat(kubectl(minified, "config", "current-context")).isEqualTo("taskstream-test\n");
            assertThat(Files.readString(minified)).doesNotContain("prod");
        }
    }

    @Test
    void minifiedKubeconfigInlinesCertificateFilesSoItStandsAlone() throws Exception {
        Path kubeconfig = Kubeconfigs.write(home, "https://127.0.0.1:1");
        try (Cluster cluster = Cluster.configured(kubeconfig, "files")) {
            Path minified = cluster.minifiedKubeconfig(out);

            String view = kubectl(minified, "config", "view", "--raw", "-o",
                    "jsonpath={.clusters[0].cluster.certificate-authority-data} {.users[0].user.client-key-data}"
                            + " {.users[0].user.client-certificate}");
            assertThat(view).isEqualTo(base64("CA PEM") + " " + base64("CLIENT KEY PEM") + " ");
            assertThat(Files.readString(minified)).doesNotContain("certs/");
        }
    }

    @Test
    void clientTalksToTheConfiguredContextsServer() throws Exception {
        client.configMaps().inNamespace("ffl").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("marker").endMetadata().addToData("seen", "yes").build()).create();
        Path kubeconfig = Kubeconfigs.write(home, client.getConfiguration().getMasterUrl());

        try (Cluster cluster = Cluster.configured(kubeconfig, "taskstream-test")) {
            assertThat(cluster.client().getMasterUrl().toString()).isEqualTo(client.getMasterUrl().toString());
            assertThat(cluster.client().configMaps().inNamespace("ffl").withName("marker").get().getData())
                    .containsEntry("seen", "yes");
        }
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String kubectl(Path kubeconfig, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/kubectl", "--kubeconfig",
                kubeconfig.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }
}
