package io.taskstream.reporter.report.insight;

import io.taskstream.reporter.report.CriterionResult;
import io.taskstream.reporter.report.Summary;
import io.taskstream.reporter.report.TaskReport;
import io.taskstream.reporter.report.TaskStatus;
import io.taskstream.reporter.session.InvalidFile;

import java.util.ArrayList;
import java.util.List;

/**
 * The summary a person would write, a sentence per point: what finished, what is blocked on what, what needs a
 * person. Each failure's reason is said once, in its critical issue; the summary refers to the issue.
 */
final class Narrative {
    private Narrative() {
    }

    static List<String> of(Summary s, List<TaskReport> tasks, List<CriticalIssue> issues, List<InvalidFile> invalid) {
        List<String> out = new ArrayList<>();
        List<TaskReport> done = tasks.stream().filter(t -> t.status() == TaskStatus.COMPLETED).toList();
        if (done.isEmpty()) {
            out.add(tasks.stream().anyMatch(t -> t.queuePosition() != null) ? "No task completed." : "No task ran.");
        } else {
            out.add(and(done.stream().map(t -> t.id() + " (" + t.title() + ")").toList())
                    + (done.size() == 1 ? " completed and was archived." : " completed and were archived."));
        }
        for (TaskReport t : tasks) {
            List<CriticalIssue> own = issues.stream().filter(i -> i.task().equals(t.id())).toList();
            if (t.status() == TaskStatus.BLOCKED && !own.isEmpty()) {
                boolean person = own.stream().allMatch(i -> i.kind().needsPerson());
                out.add(t.id() + " (" + t.title() + ") is blocked" + (person ? " and needs a person" : "") + ": "
                        + and(own.stream().map(i -> "criterion " + i.criterion() + " — " + i.kind().words()).toList())
                        + " (" + Recommendations.refs(own) + ").");
            } else if (t.status() == TaskStatus.BLOCKED) {
                out.add(t.id() + " (" + t.title() + ") is blocked: " + t.blocking().reason() + ".");
            } else if (t.status() == TaskStatus.HELD_BACK || t.status() == TaskStatus.WAITING) {
                out.add(t.id() + " waits on " + and(t.waitingOn()) + " and was not started.");
            } else if (t.status() == TaskStatus.WITHDRAWN && t.queuePosition() != null && filteredOnly(t)) {
                out.add(t.id() + " ran only the criteria the run selected: " + t.criteriaMet() + " of "
                        + t.criteriaTotal() + " met, " + and(t.criteria().stream()
                        .filter(c -> c.result() == CriterionResult.SKIPPED).map(c -> "#" + c.number()).toList())
                        + " left for another run.");
            } else if (t.status() == TaskStatus.WITHDRAWN) {
                out.add(t.id() + " was withdrawn: " + t.withdrawal().reason() + ".");
            } else if (t.status() == TaskStatus.IN_PROGRESS) {
                out.add(t.id() + " is still running.");
            }
        }
        if (s.planned() > 0) {
            out.add("Dry run: " + s.planned() + (s.planned() == 1 ? " task" : " tasks") + " planned, "
                    + s.criteriaWouldRun() + " criteria would run, nothing was executed or recorded.");
        }
        if (s.criteriaTotal() > 0) {
            out.add("Acceptance criteria met: " + s.criteriaMet() + " of " + s.criteriaTotal() + " (" + s.percentMet()
                    + "%), counted as boxes checked in the files of the tasks that ran (verified in this run or"
                    + " already checked before it).");
        }
        if (!invalid.isEmpty()) {
            out.add(invalid.size() == 1 ? "1 task file is invalid and did not run (" + invalid.get(0).location() + ")."
                    : invalid.size() + " task files are invalid and did not run.");
        }
        return out;
    }

    private static boolean filteredOnly(TaskReport t) {
        return t.criteria().stream().anyMatch(c -> "filtered".equals(c.skipReason()))
                && t.criteria().stream().allMatch(c -> c.result().met() || "filtered".equals(c.skipReason()));
    }

    static String and(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
