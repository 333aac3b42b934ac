package io.taskstream.reporter.report.insight;

import io.taskstream.reporter.report.CriterionReport;
import io.taskstream.reporter.report.CriterionResult;
import io.taskstream.reporter.report.TaskReport;
import io.taskstream.reporter.report.TaskStatus;
import io.taskstream.reporter.report.insight.Recommendation.Priority;
import io.taskstream.reporter.session.InvalidFile;

import java.util.ArrayList;
import java.util.List;

/**
 * What a person should do next, from the issues and the task outcomes: what blocks what and what would release
 * it, which criteria failed their check after a successful run, which need a person.
 */
final class Recommendations {
    private Recommendations() {
    }

    static List<Recommendation> of(List<TaskReport> tasks, List<CriticalIssue> issues, List<InvalidFile> invalid) {
        List<Recommendation> out = new ArrayList<>();
        for (TaskReport t : tasks) {
            List<CriticalIssue> own = issues.stream().filter(i -> i.task().equals(t.id())).toList();
            List<CriticalIssue> fixes = own.stream().filter(i -> !i.kind().needsPerson()).toList();
            List<CriticalIssue> person = own.stream().filter(i -> i.kind().needsPerson()).toList();
            List<String> released = tasks.stream()
                    .filter(o -> o.status() == TaskStatus.HELD_BACK && Issues.waitsOn(o, t.id())).map(TaskReport::id)
                    .toList();
            if (!fixes.isEmpty()) {
                String why = t.id() + " is " + t.status().label().toLowerCase() + " until then"
                        + (released.isEmpty() ? "" : "; completing it releases " + String.join(", ", released)
                        + ", which " + (released.size() == 1 ? "waits" : "wait") + " on it");
                out.add(new Recommendation(Priority.HIGH, "Fix " + refs(fixes) + " and run " + t.id() + " again.",
                        why + ".", numbers(fixes), concat(t.id(), released)));
            }
            if (!person.isEmpty()) {
                String what = person.stream().map(i -> i.where() + " (" + i.criterionText() + ")").toList().toString();
                out.add(new Recommendation(released.isEmpty() ? Priority.MEDIUM : Priority.HIGH,
                        "A person: " + refs(person) + " — " + what.substring(1, what.length() - 1) + ".",
                        t.id() + " cannot complete without it"
                                + (released.isEmpty() ? "" : "; it holds back " + String.join(", ", released)) + ".",
                        numbers(person), concat(t.id(), released)));
            }
            List<CriterionReport> filtered = t.criteria().stream()
                    .filter(c -> c.result() == CriterionResult.SKIPPED && "filtered".equals(c.skipReason())).toList();
            if (!filtered.isEmpty() && fixes.isEmpty() && person.isEmpty()) {
                String numbers = String.join(",", filtered.stream().map(c -> String.valueOf(c.number())).toList());
                out.add(new Recommendation(Priority.MEDIUM, "Run " + t.id() + " again for criteria " + numbers
                        + ", which this run's criteria filter left out.",
                        t.id() + " is " + t.completionPercent() + "% done and stays in its folder until they are verified.",
                        List.of(), List.of(t.id())));
            }
            if (t.status() == TaskStatus.HELD_BACK && tasks.stream().noneMatch(o -> Issues.waitsOn(t, o.id())
                    && o.status() == TaskStatus.BLOCKED)) {
                out.add(new Recommendation(Priority.MEDIUM, "Unblock " + String.join(", ", t.waitingOn()) + ".",
                        t.id() + " waits on it and was not started.", List.of(), List.of(t.id())));
            }
        }
        List<CriticalIssue> traps = issues.stream().filter(i -> i.kind() == IssueKind.EFFECT_ABSENT).toList();
        if (!traps.isEmpty()) {
            out.add(new Recommendation(Priority.MEDIUM, "Distrust the run steps of "
                    + String.join(", ", traps.stream().map(CriticalIssue::where).toList())
                    + ": they exited 0 but their checks failed (" + refs(traps) + ").",
                    "A step that reports success without doing the job is what marks work done that is not;"
                            + " only the checks caught it.", numbers(traps),
                    traps.stream().map(CriticalIssue::task).distinct().toList()));
        }
        for (InvalidFile f : invalid) {
            out.add(new Recommendation(Priority.MEDIUM, "Fix " + f.location() + ": " + f.problem() + ".",
                    "Nothing in " + f.subject() + " runs until its file is valid.", List.of(), List.of(f.subject())));
        }
        return out;
    }

    /** {@code issue 1} or {@code issues 1 and 3}. */
    static String refs(List<CriticalIssue> issues) {
        List<String> n = issues.stream().map(i -> String.valueOf(i.number())).toList();
        if (n.size() == 1) {
            return "issue " + n.get(0);
        }
        return "issues " + String.join(", ", n.subList(0, n.size() - 1)) + " and " + n.get(n.size() - 1);
    }

    private static List<Integer> numbers(List<CriticalIssue> issues) {
        return issues.stream().map(CriticalIssue::number).toList();
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }
}
