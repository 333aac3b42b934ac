package io.taskstream.actions;

import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.data.PlannedCriterion;
import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.runtime.process.Redactor;

import io.taskstream.actions.kube.ClusterGuard;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** What a run would do with each criterion of a task: the one plan decision, for dry runs and {@code plan}. */
public final class Plans {
    public static final String RUN = "run";
    public static final String ALREADY_DONE = "already-done";
    public static final String FILTERED = "filtered";
    public static final String NEEDS_HUMAN = "needs-human";

    private Plans() {
    }

    public static String decide(CriterionSpec c, ExecutionOptions options) {
        return c.checked() ? ALREADY_DONE : !options.selects(c.number()) ? FILTERED
                : !c.executable() ? NEEDS_HUMAN : RUN;
    }

    /**
     * @return a warning when the criterion talks to a cluster (a {@code k8s-ready} action, or a command that names
     *         kubectl, helm or flux: a heuristic, for warnings only) and no kube context is configured
     */
    public static Optional<String> clusterWarning(String taskId, CriterionSpec c, String kubeContext) {
        if (!kubeContext.isEmpty() || c.checked()) {
            return Optional.empty();
        }
        boolean ready = c.actions().stream().anyMatch(a -> a.kind().equals("k8s-ready"));
        List<String> commands = new java.util.ArrayList<>(c.run());
        commands.addAll(c.verify());
        if (!ready && !ClusterGuard.mentionsCluster(commands)) {
            return Optional.empty();
        }
        return Optional.of(taskId + " criterion " + c.number() + " talks to a cluster ("
                + (ready ? "k8s-ready" : "kubectl, helm or flux") + ") and no kube context is configured: "
                + (ready ? "it will be skipped" : "its commands will reach no cluster")
                + "; run with --kube-context NAME");
    }

    public static List<PlannedCriterion> plan(TaskSnapshot task, ExecutionOptions options,
                                              Function<CriterionSpec, Redactor> redactors) {
        return task.criteria().stream().map(c -> {
            Redactor redactor = redactors.apply(c);
            List<Step> steps = CriterionSteps.of(c);
            return new PlannedCriterion(c.number(), c.text(), decide(c, options),
                    steps.stream().filter(Step::acts).map(s -> redactor.redact(s.describe())).toList(),
                    c.workingDir(), c.env().keySet().stream().sorted().toList(), c.timeoutSeconds(),
                    steps.stream().flatMap(s -> s.describeCheck().stream()).map(redactor::redact).toList(),
                    c.needs());
        }).toList();
    }
}
