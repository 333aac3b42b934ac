package io.taskstream.reporter.report;

import java.util.List;

/**
 * One task of the run.
 *
 * @param queuePosition 1-based position in the scan's priority order; null when it never became ready
 * @param waitingOn     the dependencies it was held back for, each with its state, e.g. {@code TASK-002 (blocked)}
 * @param outcome       one sentence on how it went
 * @param criteriaMet   criteria whose box is checked (verified now or before the run); 0 for a planned task,
 *                      whose criteria a dry run only planned
 * @param completion    set when it completed
 * @param blocking      set when it was blocked
 * @param withdrawal    set when it was withdrawn
 * @param plan          set when a dry run planned it
 * @param nextAction    what should happen to it next
 * @param result        the executor contract's output for this task (seed 002)
 */
public record TaskReport(String id, String title, String priority, String type, String path, TaskStatus status,
                         Integer queuePosition, List<String> dependsOn, List<String> waitingOn, String outcome,
                         int criteriaMet, int criteriaTotal, List<CriterionReport> criteria, Completion completion,
                         Blocking blocking, Withdrawal withdrawal, Plan plan, String nextAction,
                         TaskResult result) {
    public TaskReport {
        dependsOn = List.copyOf(dependsOn);
        waitingOn = List.copyOf(waitingOn);
        criteria = List.copyOf(criteria);
    }

    /** Met criteria in percent of all, 0 for a task without criteria. */
    public int completionPercent() {
        return Percent.of(criteriaMet, criteriaTotal);
    }
}
