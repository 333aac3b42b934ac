package io.taskstream.actions.kube;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.taskstream.actions.StepResult;
import io.taskstream.task.action.K8sReadyAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against fabric8's CRUD mock server, which runs no controllers: the tests write status themselves. The mock
 * (8.0.0, Vert.x 5) can stall ~10 s when a watch closes while it is still sending that watch an event; checks that
 * settle on their first read open no watch, which keeps that race to the tests that really wait.
 */
@EnableKubernetesMockClient(crud = true)
@Timeout(60)
class WorkloadReadinessTest {
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration LONG = Duration.ofSeconds(45);

    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    void readyDeploymentPasses() {
        deployment("ffl-backend", 3, 3, 3);

        StepResult r = WorkloadReadiness.check(K8sReadyAction.parse("deployment/ffl-backend in ffl"), client);

        assertThat(r).isInstanceOfSatisfying(StepResult.Done.class, d -> {
            assertThat(d.output()).isEqualTo("deployment/ffl-backend in ffl: 3/3 updated and available"
                    + " (image 127.0.0.1:5000/ffl-backend:0.1.18)");
            assertThat(d.facts()).containsEntry("k8s.images", "127.0.0.1:5000/ffl-backend:0.1.18");
        });
    }

    @Test
    void deploymentNotReadyInTimeNamesTheCounts() {
        deployment("ffl-backend", 3, 3, 1);

        StepResult r = WorkloadReadiness.check(action("deployment/ffl-backend in ffl", SHORT), client);

        assertThat(r).isInstanceOfSatisfying(StepResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("deployment/ffl-backend in ffl: 1 of 3 replicas available, 3 updated;"
                    + " not ready within 0.3s");
            assertThat(f.retryable()).isTrue();
        });
    }

    @Test
    void crashLoopingPodFailsWithoutWaitingOutTheTimeout() {
        deployment("ffl-backend", 3, 3, 1);
        pod("ffl-backend-7d9f-abc", Map.of("app", "ffl-backend"), "CrashLoopBackOff", 1174);
        pod("other-1", Map.of("app", "other"), "CrashLoopBackOff", 3);
        long start = System.nanoTime();

        StepResult r = WorkloadReadiness.check(action("deployment/ffl-backend in ffl", LONG), client);

        assertThat(r).isInstanceOfSatisfying(StepResult.Failed.class, f -> assertThat(f.reason()).isEqualTo(
                "deployment/ffl-backend in ffl: 1 of 3 replicas available, 3 updated;"
                        + " pod ffl-backend-7d9f-abc: container api CrashLoopBackOff (1174 restarts)"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LONG.dividedBy(2));
    }

    @Test
    void podThatCannotPullItsImageFails() {
        deployment("ffl-backend", 3, 3, 1);
        pod("ffl-backend-7d9f-xyz", Map.of("app", "ffl-backend"), "ImagePullBackOff", 0);

        StepResult r = WorkloadReadiness.check(action("deploy/ffl-backend in ffl", LONG), client);

        assertThat(((StepResult.Failed) r).reason()).endsWith("pod ffl-backend-7d9f-xyz: container api"
                + " ImagePullBackOff (image 127.0.0.1:5000/ffl-backend:0.1.18)");
    }

    @Test
    void statusWrittenWhileTheCheckWaitsMakesItPass() throws Exception {
        Deployment d = deployment("ffl-backend", 3, 0, 0);
        CompletableFuture<StepResult> result = CompletableFuture.supplyAsync(
                () -> WorkloadReadiness.check(action("deployment/ffl-backend in ffl", LONG), client));
        awaitWatch("deployments");

        client.apps().deployments().inNamespace("ffl").resource(withStatus(d, 3, 3)).updateStatus();

        assertThat(result.get(LONG.toSeconds(), TimeUnit.SECONDS)).isInstanceOfSatisfying(StepResult.Done.class,
                done -> assertThat(done.output()).startsWith("deployment/ffl-backend in ffl: 3/3 updated"));
    }

    @Test
    void missingWorkloadIsNamed() {
        StepResult r = WorkloadReadiness.check(K8sReadyAction.parse("deployment/x in y"), client);

        assertThat(r).isInstanceOfSatisfying(StepResult.Failed.class,
                f -> assertThat(f.reason()).isEqualTo("deployment/x in y not found"));
    }

    @Test
    void statefulSetNeedsItsReplicasUpdatedAndReady() {
        statefulSet("db", 2, 2);
        statefulSet("cache", 2, 1);

        assertThat(WorkloadReadiness.check(action("sts/db in ffl", LONG), client))
                .isInstanceOfSatisfying(StepResult.Done.class, d -> assertThat(d.output())
                        .isEqualTo("statefulset/db in ffl: 2/2 updated and ready (image postgres:16)"));
        assertThat(WorkloadReadiness.check(action("statefulset/cache in ffl", SHORT), client))
                .isInstanceOfSatisfying(StepResult.Failed.class, f -> assertThat(f.reason())
                        .startsWith("statefulset/cache in ffl: 1 of 2 replicas ready, 2 updated;"));
    }

    @Test
    void daemonSetNeedsEveryScheduledPodUpdatedAndAvailable() {
        daemonSet("agent", 3, 3, 3);
        daemonSet("logs", 3, 2, 3);

        assertThat(WorkloadReadiness.check(action("ds/agent in ffl", LONG), client))
                .isInstanceOfSatisfying(StepResult.Done.class, d -> assertThat(d.output())
                        .isEqualTo("daemonset/agent in ffl: 3/3 updated and available (image agent:2)"));
        assertThat(WorkloadReadiness.check(action("daemonset/logs in ffl", SHORT), client))
                .isInstanceOfSatisfying(StepResult.Failed.class, f -> assertThat(f.reason())
                        .startsWith("daemonset/logs in ffl: 3 of 3 scheduled pods available, 2 updated;"));
    }

    private static K8sReadyAction action(String text, Duration timeout) {
        K8sReadyAction a = K8sReadyAction.parse(text);
        return new K8sReadyAction(a.workloadKind(), a.name(), a.namespace(), timeout);
    }

    /** Blocks until the check has started watching, so what the test writes next arrives as a watch event. */
    private void awaitWatch(String resource) throws InterruptedException {
        RecordedRequest request;
        do {
            request = server.takeRequest(LONG.toSeconds(), TimeUnit.SECONDS);
            assertThat(request).as("a watch on " + resource).isNotNull();
        } while (!(request.getPath().contains("/" + resource) && request.getPath().contains("watch=true")));
    }

    private Deployment deployment(String name, int replicas, int updated, int available) {
        Deployment created = client.resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace("ffl").endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("api").withImage("127.0.0.1:5000/" + name + ":0.1.18")
                .endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
        return client.apps().deployments().inNamespace("ffl").resource(withStatus(created, updated, available))
                .updateStatus();
    }

    private static Deployment withStatus(Deployment d, int updated, int available) {
        return new DeploymentBuilder(d).withStatus(new DeploymentStatusBuilder()
                .withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(d.getSpec().getReplicas()).withUpdatedReplicas(updated)
                .withReadyReplicas(available).withAvailableReplicas(available).build()).build();
    }

    private void statefulSet(String name, int updated, int ready) {
        StatefulSet created = client.resource(new StatefulSetBuilder()
                .withNewMetadata().withName(name).withNamespace("ffl").endMetadata()
                .withNewSpec().withReplicas(2).withServiceName(name)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("db").withImage("postgres:16").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        client.apps().statefulSets().inNamespace("ffl").resource(new StatefulSetBuilder(created).withNewStatus()
                .withObservedGeneration(created.getMetadata().getGeneration()).withReplicas(2)
                .withUpdatedReplicas(updated).withReadyReplicas(ready).endStatus().build()).updateStatus();
    }

    private void daemonSet(String name, int desired, int updated, int available) {
        DaemonSet created = client.resource(new DaemonSetBuilder()
                .withNewMetadata().withName(name).withNamespace("ffl").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("agent").withImage("agent:2").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        client.apps().daemonSets().inNamespace("ffl").resource(new DaemonSetBuilder(created).withNewStatus()
                .withObservedGeneration(created.getMetadata().getGeneration())
                .withDesiredNumberScheduled(desired).withCurrentNumberScheduled(desired)
                .withUpdatedNumberScheduled(updated).withNumberAvailable(available).withNumberReady(available)
                .withNumberMisscheduled(0).endStatus().build()).updateStatus();
    }

    private void pod(String name, Map<String, String> labels, String waitingReason, int restarts) {
        Pod pod = client.resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace("ffl").withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("api").withImage("127.0.0.1:5000/ffl-backend:0.1.18")
                .endContainer().endSpec().build()).create();
        client.pods().inNamespace("ffl").resource(new PodBuilder(pod).withNewStatus().withPhase("Running")
                .addToContainerStatuses(new ContainerStatusBuilder().withName("api")
                        .withImage("127.0.0.1:5000/ffl-backend:0.1.18").withRestartCount(restarts).withReady(false)
                        .withNewState().withNewWaiting().withReason(waitingReason).endWaiting().endState().build())
                .endStatus().build()).updateStatus();
    }
}
