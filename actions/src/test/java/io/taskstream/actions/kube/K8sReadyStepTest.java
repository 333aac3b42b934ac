package io.taskstream.actions.kube;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.taskstream.actions.ActionsConfig;
import io.taskstream.actions.CriterionSteps;
import io.taskstream.actions.StepResult;
import io.taskstream.actions.Tools;
import io.taskstream.events.data.ActionSpec;
import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.runtime.process.CommandRunner;
import io.taskstream.runtime.process.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * k8s-ready and the cluster guard through the one step loop, as executor and verifier run them, against fabric8's
 * mock API server: the configured context is the only one any command can see, however it names kubectl.
 */
@EnableKubernetesMockClient(crud = true)
@Timeout(90)
class K8sReadyStepTest {
    KubernetesClient client;

    @TempDir
    Path tmp;

    private Tools tools(String context) throws Exception {
        Path kubeconfig = Kubeconfigs.write(tmp.resolve("home"), client.getConfiguration().getMasterUrl());
        return Tools.open(new ActionsConfig(context, kubeconfig, "unix:///nonexistent.sock", List.of(),
                Optional.empty(), false, tmp.resolve("state")), CommandRunner.defaults());
    }

    private static CriterionSpec spec(List<String> run, List<ActionSpec> actions) {
        return new CriterionSpec(1, "Backend rolled out", 10, false, run, "", Map.of(), 0, List.of(), List.of(),
                actions);
    }

    private static TaskSnapshot task(CriterionSpec spec) {
        return new TaskSnapshot("TASK-3", "Roll out", "high", "active", "tasks/active/TASK-3.md",
                List.of("verification"), List.of(), "verification", List.of(spec));
    }

    private CriterionSteps steps(Tools tools) throws Exception {
        return new CriterionSteps(new Workspace(Files.createDirectories(tmp.resolve("ws"))), tools, Map.of(),
                Duration.ofSeconds(30));
    }

    @Test
    void aRolledOutDeploymentPassesBothHalvesAndCommandsSeeOnlyTheConfiguredContext() throws Exception {
        readyDeployment();
        CriterionSpec spec = spec(List.of("k=kubectl; $k config get-contexts -o name; /usr/bin/kubectl config current-context"),
                List.of(new ActionSpec("k8s-ready", "deployment/ffl-backend in ffl timeout 20s", 11)));
        try (Tools tools = tools("taskstream-test")) {
            CriterionSteps steps = steps(tools);

            StepResult acted = steps.act(task(spec), spec, Map.of());

            assertThat(acted).isInstanceOf(StepResult.Done.class);
            assertThat(steps.check(task(spec), spec, ((StepResult.Done) acted).facts()))
                    .isInstanceOfSatisfying(StepResult.Done.class,
                            d -> assertThat(d.output()).contains("deployment/ffl-backend in ffl: 2/2"));
        }
        CriterionSpec shell = spec(List.of("k=kubectl; $k config get-contexts -o name"), List.of());
        try (Tools tools = tools("taskstream-test")) {
            assertThat(steps(tools).act(task(shell), shell, Map.of())).isInstanceOfSatisfying(StepResult.Done.class,
                    d -> assertThat(d.output()).isEqualTo("taskstream-test\n"));
        }
    }

    @Test
    void withoutAContextNoCommandReachesAClusterAndK8sReadyIsUnavailable() throws Exception {
        CriterionSpec shell = spec(List.of("kubectl config get-contexts -o name; echo \"[$KUBECONFIG]\""), List.of());
        CriterionSpec ready = spec(List.of(), List.of(new ActionSpec("k8s-ready", "deployment/x in y", 11)));
        try (Tools tools = tools("")) {
            CriterionSteps steps = steps(tools);

            assertThat(steps.act(task(shell), shell, Map.of())).isInstanceOfSatisfying(StepResult.Done.class,
                    d -> assertThat(d.output()).doesNotContain("taskstream-test", "prod").contains("kubeconfig-none"));
            assertThat(steps.act(task(ready), ready, Map.of())).isInstanceOfSatisfying(StepResult.Unavailable.class,
                    u -> assertThat(u.reason()).contains("--kube-context"));
        }
    }

    @Test
    void aContextTheKubeconfigDoesNotHaveStopsTheStartWithWhatItHas() {
        assertThatThrownBy(() -> tools("staging")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kube context 'staging' is not in").hasMessageContaining("'taskstream-test'");
    }

    private void readyDeployment() {
        Deployment created = client.resource(new DeploymentBuilder()
                .withNewMetadata().withName("ffl-backend").withNamespace("ffl").endMetadata()
                .withNewSpec().withReplicas(2)
                .withNewSelector().addToMatchLabels("app", "ffl-backend").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "ffl-backend").endMetadata()
                .withNewSpec().addNewContainer().withName("api").withImage("127.0.0.1:5000/ffl-backend:0.1.18")
                .endContainer().endSpec().endTemplate().endSpec().build()).create();
        client.apps().deployments().inNamespace("ffl").resource(new DeploymentBuilder(created)
                .withStatus(new DeploymentStatusBuilder().withObservedGeneration(created.getMetadata().getGeneration())
                        .withReplicas(2).withUpdatedReplicas(2).withReadyReplicas(2).withAvailableReplicas(2).build())
                .build()).updateStatus();
    }
}
