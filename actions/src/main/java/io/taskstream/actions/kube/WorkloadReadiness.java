package io.taskstream.actions.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.taskstream.actions.StepResult;
import io.taskstream.events.data.FailureCause;
import io.taskstream.task.action.K8sReadyAction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The check half of {@code k8s-ready}: waits, by watching the workload and its pods, until every desired replica
 * is updated and available. A pod whose container is in CrashLoopBackOff or cannot pull its image fails the
 * check at once.
 */
public final class WorkloadReadiness {
    private WorkloadReadiness() {
    }

    public static StepResult check(K8sReadyAction a, KubernetesClient client) {
        long start = System.nanoTime();
        String label = a.workloadKind().toLowerCase(Locale.ROOT) + "/" + a.name() + " in " + a.namespace();
        try {
            return switch (a.workloadKind()) {
                case "Deployment" -> await(label, client.apps().deployments().inNamespace(a.namespace())
                        .withName(a.name()), a, client, start);
                case "StatefulSet" -> await(label, client.apps().statefulSets().inNamespace(a.namespace())
                        .withName(a.name()), a, client, start);
                case "DaemonSet" -> await(label, client.apps().daemonSets().inNamespace(a.namespace())
                        .withName(a.name()), a, client, start);
                default -> StepResult.Failed.notRunnable("k8s-ready cannot check a " + a.workloadKind());
            };
        } catch (KubernetesClientException e) {
            return new StepResult.Failed(FailureCause.RUN_FAILED, -1, label + ": " + e.getMessage(), millis(start),
                    "", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepResult.Failed(FailureCause.RUN_FAILED, -1, label + ": interrupted while waiting",
                    millis(start), "", true);
        }
    }

    private static <T extends HasMetadata> StepResult await(String label, Resource<T> resource, K8sReadyAction a,
                                                            KubernetesClient client, long start)
            throws InterruptedException {
        T initial = resource.get();
        if (initial == null) {
            return StepResult.Failed.found(label + " not found", millis(start), "");
        }
        LabelSelector selector = WorkloadStatus.of(initial).selector();
        boolean hasSelector = selector != null && (selector.getMatchLabels() != null
                && !selector.getMatchLabels().isEmpty() || selector.getMatchExpressions() != null
                && !selector.getMatchExpressions().isEmpty());
        // Most checks find the rollout already settled: one read answers them without opening any watch.
        List<Pod> current = hasSelector ? client.pods().inNamespace(a.namespace()).withLabelSelector(selector)
                .list().getItems() : List.of();
        Optional<StepResult> settled = settle(label, initial, current, start);
        if (settled.isPresent()) {
            return settled.get();
        }
        Tracker<T> tracker = new Tracker<>(label, start);
        // Pods first: a workload that looks ready must not pass before its pods have been looked at.
        try (SharedIndexInformer<Pod> pods = hasSelector ? client.pods().inNamespace(a.namespace())
                .withLabelSelector(selector).inform(on(tracker::evaluate)) : null) {
            tracker.pods = pods;
            try (SharedIndexInformer<T> workload = resource.inform(on(tracker::evaluate))) {
                tracker.workload = workload;
                tracker.evaluate();
                long remaining = a.timeout().toMillis() - millis(start);
                try {
                    return tracker.result.get(Math.max(remaining, 0), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    return tracker.timedOut(a.timeout());
                } catch (ExecutionException e) {
                    throw new KubernetesClientException(e.getCause().getMessage(), e.getCause());
                }
            }
        }
    }

    /** @return the verdict once the rollout is done or a pod is beyond hope; empty while it may yet succeed */
    private static Optional<StepResult> settle(String label, HasMetadata workload, List<Pod> pods, long start) {
        WorkloadStatus status = WorkloadStatus.of(workload);
        List<String> hopeless = PodProblems.hopeless(pods);
        if (!hopeless.isEmpty()) {
            return Optional.of(StepResult.Failed.found(label + ": " + status.progress() + "; "
                    + String.join("; ", hopeless), millis(start), ""));
        }
        if (!status.ready()) {
            return Optional.empty();
        }
        String images = String.join(", ", status.images());
        return Optional.of(new StepResult.Done(millis(start), label + ": " + status.done() + " ("
                + (status.images().size() == 1 ? "image " : "images ") + images + ")",
                Map.of("k8s.images", String.join(",", status.images()))));
    }

    private static long millis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static <T> ResourceEventHandler<T> on(Runnable changed) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                changed.run();
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                changed.run();
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                changed.run();
            }
        };
    }

    /** Re-reads both informers' caches on every event and settles the result once. */
    private static final class Tracker<T extends HasMetadata> {
        private final String label;
        private final long start;
        private final CompletableFuture<StepResult> result = new CompletableFuture<>();
        private volatile SharedIndexInformer<Pod> pods;
        private volatile SharedIndexInformer<T> workload;

        Tracker(String label, long start) {
            this.label = label;
            this.start = start;
        }

        synchronized void evaluate() {
            SharedIndexInformer<T> w = workload;
            if (w == null || result.isDone() || w.getStore().list().isEmpty()) {
                return;
            }
            settle(label, w.getStore().list().get(0), pods(), start).ifPresent(result::complete);
        }

        synchronized StepResult timedOut(Duration timeout) {
            SharedIndexInformer<T> w = workload;
            if (w.getStore().list().isEmpty()) {
                return StepResult.Failed.found(label + " not found", millis(start), "");
            }
            List<String> parts = new ArrayList<>();
            parts.add(WorkloadStatus.of(w.getStore().list().get(0)).progress());
            parts.addAll(PodProblems.waiting(pods()));
            parts.add("not ready within " + timeout.toString().substring(2).toLowerCase(Locale.ROOT));
            return StepResult.Failed.found(label + ": " + String.join("; ", parts), millis(start), "");
        }

        private List<Pod> pods() {
            SharedIndexInformer<Pod> p = pods;
            return p == null ? List.of() : p.getStore().list();
        }
    }
}
