package io.taskstream.actions.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.taskstream.actions.StepResult;
import io.taskstream.events.data.FailureCause;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether a Flux {@code HelmRelease} ({@code helm.toolkit.fluxcd.io/v2}) has been reconciled: condition
 * {@code Ready=True} for the latest generation. A release Flux has stopped retrying ({@code Stalled=True})
 * fails at once.
 */
public final class HelmReleaseReadiness {
    static final ResourceDefinitionContext HELM_RELEASE = new ResourceDefinitionContext.Builder()
            .withGroup("helm.toolkit.fluxcd.io").withVersion("v2").withKind("HelmRelease")
            .withPlural("helmreleases").withNamespaced(true).build();

    private HelmReleaseReadiness() {
    }

    public static StepResult check(String namespace, String name, Duration timeout, KubernetesClient client) {
        long start = System.nanoTime();
        String label = "helmrelease/" + name + " in " + namespace;
        Resource<GenericKubernetesResource> resource = client.genericKubernetesResources(HELM_RELEASE)
                .inNamespace(namespace).withName(name);
        try {
            GenericKubernetesResource initial = resource.get();
            if (initial == null || settled(initial)) {
                return verdict(label, initial, start, "");
            }
            CompletableFuture<List<GenericKubernetesResource>> settled = resource.informOnCondition(
                    items -> items.isEmpty() || settled(items.get(0)));
            try {
                List<GenericKubernetesResource> items = settled.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return verdict(label, items.isEmpty() ? null : items.get(0), start, "");
            } catch (TimeoutException e) {
                settled.cancel(true);
                return verdict(label, resource.get(), start,
                        "; not ready within " + timeout.toString().substring(2).toLowerCase(Locale.ROOT));
            } catch (ExecutionException e) {
                throw new KubernetesClientException(e.getCause().getMessage(), e.getCause());
            }
        } catch (KubernetesClientException e) {
            return new StepResult.Failed(FailureCause.RUN_FAILED, -1, label + ": " + e.getMessage(), millis(start),
                    "", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepResult.Failed(FailureCause.RUN_FAILED, -1, label + ": interrupted while waiting",
                    millis(start), "", true);
        }
    }

    private static StepResult verdict(String label, GenericKubernetesResource release, long start, String why) {
        if (release == null) {
            return StepResult.Failed.found(label + " not found", millis(start), "");
        }
        if (ready(release)) {
            return new StepResult.Done(millis(start), label + ": Ready=True at generation " + generation(release));
        }
        Optional<Map<String, Object>> readyCondition = condition(release, "Ready");
        String state = readyCondition.map(c -> "Ready=" + c.get("status") + " (" + c.get("reason") + "): \""
                + c.get("message") + "\"").orElse("no Ready condition yet");
        long observed = observedGeneration(release);
        if (observed < generation(release)) {
            state += "; generation " + generation(release) + " not yet observed (at " + observed + ")";
        }
        Optional<Map<String, Object>> stalled = condition(release, "Stalled")
                .filter(c -> "True".equals(c.get("status")));
        if (stalled.isPresent()) {
            state += "; stalled (" + stalled.get().get("reason") + ")";
        }
        return StepResult.Failed.found(label + ": " + state + why, millis(start), "");
    }

    private static boolean settled(GenericKubernetesResource release) {
        return ready(release) || condition(release, "Stalled").filter(c -> "True".equals(c.get("status"))).isPresent();
    }

    private static boolean ready(GenericKubernetesResource release) {
        return observedGeneration(release) >= generation(release) && condition(release, "Ready")
                .filter(c -> "True".equals(c.get("status"))).isPresent();
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> condition(GenericKubernetesResource release, String type) {
        Object status = release.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> s) || !(s.get("conditions") instanceof List<?> conditions)) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> c instanceof Map<?, ?> m && type.equals(m.get("type")))
                .map(c -> (Map<String, Object>) c).findFirst();
    }

    private static long observedGeneration(GenericKubernetesResource release) {
        Object status = release.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> s && s.get("observedGeneration") instanceof Number n ? n.longValue() : 0;
    }

    private static long generation(GenericKubernetesResource release) {
        Long g = release.getMetadata().getGeneration();
        return g == null ? 0 : g;
    }

    private static long millis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
