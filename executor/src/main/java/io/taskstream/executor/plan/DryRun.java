package io.taskstream.executor.plan;

import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.data.PlannedCriterion;
import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.runtime.process.Redactor;

import java.util.List;
import java.util.function.Function;

/** What a run would do with each criterion of a task: the executor's answer to a dry run. */
public final class DryRun {
    private DryRun() {
    }

    public static List<PlannedCriterion> plan(TaskSnapshot task, ExecutionOptions options,
                                              Function<CriterionSpec, Redactor> redactors) {
        return task.criteria().stream().map(c -> {
            String plan = c.checked() ? "already-done" : !options.selects(c.number()) ? "filtered"
                    : !c.executable() ? "needs-human" : "run";
            Redactor redactor = redactors.apply(c);
            return new PlannedCriterion(c.number(), c.text(), plan, redactor.redact(c.run()), c.workingDir(),
                    c.env().keySet().stream().sorted().toList(), c.timeoutSeconds(), redactor.redact(c.verify()),
                    c.needs());
        }).toList();
    }
}
