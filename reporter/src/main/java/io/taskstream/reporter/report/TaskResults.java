package io.taskstream.reporter.report;

import java.util.ArrayList;
import java.util.List;

/** Maps a task report onto the executor contract's output (seed 002). */
final class TaskResults {
    private TaskResults() {
    }

    static TaskResult of(TaskReport t) {
        List<TaskResult.CompletedCriterion> done = new ArrayList<>();
        List<TaskResult.RemainingCriterion> remaining = new ArrayList<>();
        List<String> executed = new ArrayList<>();
        int failed = 0;
        for (CriterionReport c : t.criteria()) {
            if (c.attempts() > 0) {
                executed.addAll(c.commands());
            }
            if (c.result() == CriterionResult.PLANNED) {
                remaining.add(new TaskResult.RemainingCriterion(c.text(), c.detail()));
            } else if (c.result().met()) {
                done.add(new TaskResult.CompletedCriterion(c.text(), String.join(" && ", c.commands()),
                        c.output() == null ? "" : c.output(), notes(c)));
            } else {
                if (c.result() == CriterionResult.FAILED) {
                    failed++;
                }
                remaining.add(new TaskResult.RemainingCriterion(c.text(),
                        c.result().label() + (c.detail() == null || c.detail().isBlank() ? "" : ": " + c.detail())));
            }
        }
        TaskResult.Status status = status(t, failed);
        boolean success = failed == 0 && status != TaskResult.Status.BLOCKED && t.status() != TaskStatus.WITHDRAWN;
        return new TaskResult(success, t.id(), t.title(), t.type(),
                new TaskResult.Counts(t.criteriaTotal(), done.size(), failed, t.criteriaTotal() - done.size()),
                done, remaining, new TaskResult.Changes(List.of(), executed), status, t.nextAction(),
                failure(t, done));
    }

    /** The error shape for the first criterion that failed for good, with suggestions after its cause. */
    private static TaskResult.Failure failure(TaskReport t, List<TaskResult.CompletedCriterion> done) {
        return t.criteria().stream().filter(c -> c.result() == CriterionResult.FAILED).findFirst().map(c -> {
            String why = c.detail() == null ? "failed" : c.detail();
            return new TaskResult.Failure("Criterion " + c.number() + " failed", why,
                    new TaskResult.FailureDetails(c.text(), String.join(" && ", c.commands()),
                            c.output() == null ? "" : c.output()),
                    done.stream().map(TaskResult.CompletedCriterion::criterion).toList(), suggestions(why));
        }).orElse(null);
    }

    private static List<String> suggestions(String why) {
        String w = why.toLowerCase(java.util.Locale.ROOT);
        List<String> out = new ArrayList<>();
        if (w.contains("verification")) {
            out.add("the command succeeded but its effect is not there: check that the run step really does the job");
            out.add("run the verify command by hand in the workspace and compare");
        }
        if (w.contains("timeout")) {
            out.add("raise the criterion's timeout, or find what the command waits for");
        }
        if (w.contains("exited with")) {
            out.add("run the command by hand in its directory and read its output");
        }
        if (w.contains("workspace") || w.contains("branch") || w.contains("kube context")) {
            out.add("fix the safety check's cause (directory, branch or cluster context) before running again");
        }
        if (out.isEmpty()) {
            out.add("read the output in the report and run the criterion again");
        }
        return out;
    }

    private static TaskResult.Status status(TaskReport t, int failed) {
        switch (t.status()) {
            case COMPLETED:
                return TaskResult.Status.COMPLETED;
            case PLANNED:
                return TaskResult.Status.PLANNED;
            case BLOCKED:
            case HELD_BACK:
                return TaskResult.Status.BLOCKED;
            case WITHDRAWN:
                return TaskResult.Status.PARTIALLY_COMPLETE; // the contract has no word for it; next_steps says
            default:
                boolean allRan = t.criteria().stream().allMatch(c -> c.result().met()
                        || c.result() == CriterionResult.AWAITING_VERIFICATION);
                boolean awaiting = t.criteria().stream()
                        .anyMatch(c -> c.result() == CriterionResult.AWAITING_VERIFICATION);
                return allRan && awaiting && failed == 0 ? TaskResult.Status.READY_FOR_VERIFICATION
                        : TaskResult.Status.PARTIALLY_COMPLETE;
        }
    }

    private static String notes(CriterionReport c) {
        if (c.result() == CriterionResult.ALREADY_DONE) {
            return "already checked before the run";
        }
        String prefix = c.result() == CriterionResult.VERIFIED ? "verified, " : "";
        return prefix + c.detail() + " after " + Md.plural(c.attempts(), "attempt", "attempts");
    }
}
