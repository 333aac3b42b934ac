package io.taskstream.actions.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.taskstream.actions.StepResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@EnableKubernetesMockClient(crud = true)
@Timeout(60)
class HelmReleaseReadinessTest {
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration LONG = Duration.ofSeconds(45);

    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    void readyReleasePasses() {
        release("podinfo", condition("Ready", "True", "UpgradeSucceeded", "Helm upgrade succeeded"));

        StepResult r = HelmReleaseReadiness.check("flux-system", "podinfo", LONG, client);

        assertThat(r).isInstanceOfSatisfying(StepResult.Done.class, d -> assertThat(d.output())
                .startsWith("helmrelease/podinfo in flux-system: Ready=True"));
    }

    @Test
    void notReadyReleaseQuotesTheReadyCondition() {
        release("podinfo", condition("Ready", "False", "UpgradeFailed",
                "Helm upgrade failed for release flux-system/podinfo: context deadline exceeded"));

        StepResult r = HelmReleaseReadiness.check("flux-system", "podinfo", SHORT, client);

        assertThat(r).isInstanceOfSatisfying(StepResult.Failed.class, f -> assertThat(f.reason()).isEqualTo(
                "helmrelease/podinfo in flux-system: Ready=False (UpgradeFailed): \"Helm upgrade failed for release"
                        + " flux-system/podinfo: context deadline exceeded\"; not ready within 0.3s"));
    }

    @Test
    void stalledReleaseFailsWithoutWaiting() {
        release("podinfo", condition("Ready", "False", "InstallFailed", "install retries exhausted"),
                condition("Stalled", "True", "RetriesExceeded", "Failed to install after 1 attempt(s)"));

        StepResult r = HelmReleaseReadiness.check("flux-system", "podinfo", LONG, client);

        assertThat(((StepResult.Failed) r).reason()).isEqualTo("helmrelease/podinfo in flux-system: Ready=False"
                + " (InstallFailed): \"install retries exhausted\"; stalled (RetriesExceeded)");
    }

    @Test
    void becomingReadyWhileTheCheckWaitsPasses() throws Exception {
        GenericKubernetesResource created = release("podinfo",
                condition("Ready", "Unknown", "Progressing", "Reconciliation in progress"));
        CompletableFuture<StepResult> result = CompletableFuture.supplyAsync(
                () -> HelmReleaseReadiness.check("flux-system", "podinfo", LONG, client));
        RecordedRequest request;
        do {
            request = server.takeRequest(LONG.toSeconds(), TimeUnit.SECONDS);
            assertThat(request).as("a watch on the release").isNotNull();
        } while (!(request.getPath().contains("/helmreleases") && request.getPath().contains("watch=true")));

        created.setAdditionalProperty("status", status(created, condition("Ready", "True", "InstallSucceeded", "ok")));
        client.genericKubernetesResources(HelmReleaseReadiness.HELM_RELEASE).inNamespace("flux-system")
                .resource(created).update();

        assertThat(result.get(LONG.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(StepResult.Done.class);
    }

    @Test
    void missingReleaseIsNamed() {
        assertThat(((StepResult.Failed) HelmReleaseReadiness.check("flux-system", "nope", SHORT, client)).reason())
                .isEqualTo("helmrelease/nope in flux-system not found");
    }

    @SafeVarargs
    private GenericKubernetesResource release(String name, Map<String, Object>... conditions) {
        GenericKubernetesResource created = client.genericKubernetesResources(HelmReleaseReadiness.HELM_RELEASE)
                .inNamespace("flux-system").resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("helm.toolkit.fluxcd.io/v2").withKind("HelmRelease")
                        .withNewMetadata().withName(name).withNamespace("flux-system").endMetadata()
                        .addToAdditionalProperties("spec", Map.of("chart", Map.of("spec", Map.of("chart", name))))
                        .build()).create();
        created.setAdditionalProperty("status", status(created, conditions));
        return client.genericKubernetesResources(HelmReleaseReadiness.HELM_RELEASE).inNamespace("flux-system")
                .resource(created).update();
    }

    private static Map<String, Object> status(GenericKubernetesResource r, Map<?, ?>... conditions) {
        Long generation = r.getMetadata().getGeneration();
        return Map.of("observedGeneration", generation == null ? 0 : generation, "conditions", List.of(conditions));
    }

    private static Map<String, Object> condition(String type, String status, String reason, String message) {
        return Map.of("type", type, "status", status, "reason", reason, "message", message);
    }
}
