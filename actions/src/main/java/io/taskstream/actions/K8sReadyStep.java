package io.taskstream.actions;

import io.taskstream.actions.kube.Cluster;
import io.taskstream.actions.kube.WorkloadReadiness;
import io.taskstream.task.action.K8sReadyAction;

import java.util.Locale;
import java.util.Optional;

/** {@code k8s-ready}: the workload is rolled out and healthy in the configured cluster; both halves look. */
public record K8sReadyStep(K8sReadyAction action, String written) implements Step {

    @Override
    public String kind() {
        return K8sReadyAction.KIND;
    }

    @Override
    public Optional<String> describeCheck() {
        return Optional.of(action.workloadKind().toLowerCase(Locale.ROOT) + "/" + action.name() + " in "
                + action.namespace() + " has its replicas updated and available, no pod crash-looping or failing to"
                + " pull, within " + action.timeout().toSeconds() + "s");
    }

    @Override
    public StepResult check(StepContext c) {
        Optional<Cluster> cluster = c.tools().cluster();
        if (cluster.isEmpty()) {
            return new StepResult.Unavailable("k8s-ready needs a cluster and no kube context is configured"
                    + " (--kube-context NAME)");
        }
        return WorkloadReadiness.check(action, cluster.get().client());
    }
}
