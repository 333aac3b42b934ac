package io.taskstream.actions.kube;

import io.taskstream.runtime.process.CommandResult;
import io.taskstream.runtime.process.CommandRunner;
import io.taskstream.runtime.process.Redactor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class ClusterGuardTest {
    private static final String CONTEXTS = "kubectl config get-contexts -o name";

    @TempDir
    Path home;

    @TempDir
    Path state;

    @TempDir
    Path work;

    private Path workstationKubeconfig;

    /** The service user's own ~/.kube/config, with a production context a task must never reach. */
    @BeforeEach
    void workstation() throws Exception {
        workstationKubeconfig = Kubeconfigs.write(home.resolve(".kube"), "https://127.0.0.1:1");
    }

    @Test
    void withoutTheGuardACommandSeesEveryContextInHome() throws Exception {
        CommandRunner pathOnly = new CommandRunner(List.of("PATH"), 4096, 4096);

        CommandResult r = pathOnly.run(CONTEXTS, work, Map.of("HOME", home.toString()), Duration.ofSeconds(30),
                Redactor.none());

        assertThat(r.output()).contains("prod", "taskstream-test");
    }

    @Test
    void aGuardedCommandSeesOnlyTheConfiguredContext() throws Exception {
        try (Cluster cluster = Cluster.configured(workstationKubeconfig, "taskstream-test")) {
            ClusterGuard guard = ClusterGuard.create(Optional.of(cluster), state);

            CommandResult r = CommandRunner.defaults().run(CONTEXTS + "; kubectl config current-context", work,
                    guard.environment(Map.of("HOME", home.toString())), Duration.ofSeconds(30), Redactor.none());

            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).isEqualTo("taskstream-test\ntaskstream-test\n");
        }
    }

    @Test
    void withNoContextConfiguredACommandSeesNoContextAtAll() throws Exception {
        ClusterGuard guard = ClusterGuard.create(Optional.empty(), state);

        CommandResult r = CommandRunner.defaults().run(CONTEXTS, work,
                guard.environment(Map.of("HOME", home.toString())), Duration.ofSeconds(30), Redactor.none());

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).isEmpty();
        assertThat(Files.getPosixFilePermissions(guard.kubeconfig()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void theTaskCannotChooseTheKubeconfigNorFallBackToInClusterSettings() throws Exception {
        ClusterGuard guard = ClusterGuard.create(Optional.empty(), state);

        Map<String, String> env = guard.environment(Map.of("KUBECONFIG", workstationKubeconfig.toString(),
                "KUBERNETES_SERVICE_HOST", "127.0.0.3", "KUBERNETES_SERVICE_PORT", "443",
                "KUBERNETES_MASTER", "https://127.0.0.3", "APP", "ffl"));

        assertThat(env).containsExactlyInAnyOrderEntriesOf(Map.of(
                "KUBECONFIG", guard.kubeconfig().toString(), "APP", "ffl"));
    }

    @Test
    void mentionsClusterIsOnlyAHeuristic() {
        assertThat(ClusterGuard.mentionsCluster(List.of("make build", "kubectl get po -n ffl"))).isTrue();
        assertThat(ClusterGuard.mentionsCluster(List.of("helm upgrade --install x ."))).isTrue();
        assertThat(ClusterGuard.mentionsCluster(List.of("echo kubectl-free"))).isFalse();
        // What the guard's environment handles and the text cannot show:
        assertThat(ClusterGuard.mentionsCluster(List.of("/usr/local/bin/kubectl get po", "./deploy.sh"))).isFalse();
    }
}
