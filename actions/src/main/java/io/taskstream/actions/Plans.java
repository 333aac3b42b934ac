package io.taskstream.actions;

import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.data.PlannedCriterion;
import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.runtime.process.Redactor;

import java.util.List;
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
