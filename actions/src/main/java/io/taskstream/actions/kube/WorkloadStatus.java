package io.taskstream.actions.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;

import java.util.List;

/**
 * Where one workload's rollout stands, read from its spec and status alone.
 *
 * @param ready    the controller has seen the latest spec and every desired replica is updated and available
 * @param progress e.g. {@code 1 of 3 replicas available, 3 updated}
 * @param done     e.g. {@code 3/3 updated and available}
 */
record WorkloadStatus(boolean ready, String progress, String done, LabelSelector selector, List<String> images) {

    static WorkloadStatus of(HasMetadata workload) {
        long generation = orZero(workload.getMetadata().getGeneration());
        if (workload instanceof Deployment d) {
            DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
            int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            int updated = orZero(s.getUpdatedReplicas());
            int available = orZero(s.getAvailableReplicas());
            return status(generation, orZero(s.getObservedGeneration()), updated == desired && available == desired,
                    available + " of " + desired + " replicas available, " + updated + " updated",
                    desired + "/" + desired + " updated and available", d.getSpec().getSelector(),
                    d.getSpec().getTemplate());
        }
        if (workload instanceof StatefulSet st) {
            StatefulSetStatus s = st.getStatus() == null ? new StatefulSetStatus() : st.getStatus();
            int desired = st.getSpec().getReplicas() == null ? 1 : st.getSpec().getReplicas();
            int updated = orZero(s.getUpdatedReplicas());
            int readyReplicas = orZero(s.getReadyReplicas());
            return status(generation, orZero(s.getObservedGeneration()), updated == desired && readyReplicas == desired,
                    readyReplicas + " of " + desired + " replicas ready, " + updated + " updated",
                    desired + "/" + desired + " updated and ready", st.getSpec().getSelector(),
                    st.getSpec().getTemplate());
        }
        if (workload instanceof DaemonSet ds) {
            DaemonSetStatus s = ds.getStatus() == null ? new DaemonSetStatus() : ds.getStatus();
            int desired = orZero(s.getDesiredNumberScheduled());
            int updated = orZero(s.getUpdatedNumberScheduled());
            int available = orZero(s.getNumberAvailable());
            return status(generation, orZero(s.getObservedGeneration()), updated == desired && available == desired,
                    available + " of " + desired + " scheduled pods available, " + updated + " updated",
                    desired + "/" + desired + " updated and available", ds.getSpec().getSelector(),
                    ds.getSpec().getTemplate());
        }
        throw new IllegalArgumentException("not a workload: " + workload.getKind());
    }

    private static WorkloadStatus status(long generation, long observed, boolean replicasReady, String progress,
                                         String done, LabelSelector selector, PodTemplateSpec template) {
        // Counts written before the controller saw the latest spec describe the previous rollout.
        String stale = observed >= generation ? ""
                : "; generation " + generation + " not yet observed by the controller (at " + observed + ")";
        List<String> images = template == null || template.getSpec() == null ? List.of()
                : template.getSpec().getContainers().stream().map(Container::getImage).distinct().toList();
        return new WorkloadStatus(replicasReady && stale.isEmpty(), progress + stale, done, selector, images);
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    private static long orZero(Long l) {
        return l == null ? 0 : l;
    }
}
