package io.taskstream.reporter.report.insight;

import io.taskstream.events.data.CriterionSpec;
import io.taskstream.reporter.report.CriterionFailure;
import io.taskstream.reporter.report.CriterionReport;
import io.taskstream.reporter.report.CriterionResult;
import io.taskstream.reporter.report.TaskReport;
import io.taskstream.reporter.report.TaskStatus;
import io.taskstream.reporter.session.RunLedger;
import io.taskstream.reporter.session.TaskLedger;

import java.util.ArrayList;
import java.util.List;

/** Finds the critical issues of a run: every criterion that failed, or that nothing here can verify. */
final class Issues {
    private final RunLedger run;
    private final List<TaskReport> tasks;

    Issues(RunLedger run, List<TaskReport> tasks) {
        this.run = run;
        this.tasks = tasks;
    }

    List<CriticalIssue> find() {
        List<CriticalIssue> out = new ArrayList<>();
        for (TaskReport t : tasks) {
            for (CriterionReport c : t.criteria()) {
                IssueKind kind = kind(c);
                if (kind != null) {
                    out.add(issue(out.size() + 1, t, c, kind));
                }
            }
        }
        return out;
    }

    /** The kind of issue a criterion is; null when it is none (met, running, filtered, skipped for another's failure). */
    static IssueKind kind(CriterionReport c) {
        CriterionResult r = c.result();
        if (r == CriterionResult.SKIPPED) {
            if ("needs_human".equals(c.skipReason())) return IssueKind.NEEDS_PERSON;
            if ("unavailable".equals(c.skipReason())) return IssueKind.UNAVAILABLE;
            return null;
        }
        if (r == CriterionResult.UNVERIFIABLE) {
            return IssueKind.UNVERIFIABLE;
        }
        if (r != CriterionResult.FAILED && r != CriterionResult.VERIFICATION_FAILED) {
            return null;
        }
        CriterionFailure f = c.failure();
        if (c.ranButEffectAbsent() || f == null) {
            return IssueKind.EFFECT_ABSENT;
        }
        return switch (f.cause() == null ? "" : f.cause()) {
            case "timed_out" -> IssueKind.TIMED_OUT;
            case "safety_check" -> IssueKind.SAFETY_CHECK;
            case "not_runnable" -> IssueKind.NOT_RUNNABLE;
            default -> IssueKind.COMMAND_FAILED;
        };
    }

    private CriticalIssue issue(int number, TaskReport t, CriterionReport c, IssueKind kind) {
        CriterionFailure f = c.failure();
        String symptom;
        String from;
        if (f != null && f.checkFailed() && f.checkOutput() != null && !f.checkOutput().isBlank()) {
            symptom = f.checkOutput();
            from = "check";
        } else if (f != null && !f.commandSucceeded() && f.commandOutput() != null && !f.commandOutput().isBlank()) {
            symptom = f.commandOutput();
            from = "command";
        } else {
            symptom = c.detail();
            from = "reason";
        }
        String cause = f != null && f.reason() != null ? f.reason() : c.detail();
        return new CriticalIssue(number, t.id(), t.title(), c.number(), c.text(), kind, symptom, from, c.commands(),
                c.verify(), c.workingDir() == null || c.workingDir().isBlank() ? "." : c.workingDir(), c.attempts(),
                c.retries(), cause, f == null ? -1 : f.exitCode(), consequences(t, c), resolution(t, c, kind));
    }

    private List<String> consequences(TaskReport t, CriterionReport c) {
        List<String> out = new ArrayList<>();
        TaskLedger ledger = run.task(t.id()).orElse(null);
        if (ledger != null && ledger.snapshot() != null) {
            for (CriterionSpec spec : ledger.snapshot().criteria()) {
                if (spec.needs().contains(c.number())) {
                    t.criteria().stream().filter(o -> o.number() == spec.number()
                                    && o.result() == CriterionResult.SKIPPED && "need_failed".equals(o.skipReason()))
                            .forEach(o -> out.add("criterion " + o.number() + " (" + o.text() + ") skipped"));
                }
            }
        }
        if (t.status() == TaskStatus.BLOCKED) {
            out.add(t.id() + " blocked");
        }
        for (TaskReport other : tasks) {
            if (other.status() == TaskStatus.HELD_BACK && waitsOn(other, t.id())
                    && t.status() == TaskStatus.BLOCKED) {
                out.add(other.id() + " held back (waits on " + t.id() + ")");
            }
        }
        return out;
    }

    static boolean waitsOn(TaskReport t, String dep) {
        return t.waitingOn().stream().anyMatch(w -> w.equals(dep) || w.startsWith(dep + " "));
    }

    /** What would release it; the command and check are in the issue already, so they are not quoted again. */
    private static String resolution(TaskReport t, CriterionReport c, IssueKind kind) {
        String dir = c.workingDir() == null || c.workingDir().isBlank() ? "the workspace" : c.workingDir();
        return switch (kind) {
            case EFFECT_ABSENT -> "Make the step do the job: it exits 0 but the check still fails; run both by hand in "
                    + dir + ", fix the step, then run " + t.id() + " again.";
            case COMMAND_FAILED -> "Fix what the output shows (run the command by hand in " + dir + "), then run "
                    + t.id() + " again.";
            case TIMED_OUT -> "Find what the command waits for, or raise the criterion's timeout, then run "
                    + t.id() + " again.";
            case SAFETY_CHECK -> "Fix the safety check's cause (directory, branch or cluster context), then run "
                    + t.id() + " again.";
            case NOT_RUNNABLE -> "Fix the step so that it can start (directory, action), then run " + t.id() + " again.";
            case UNVERIFIABLE -> "Add a verify: step that proves it, or have a person check it and tick its box.";
            case NEEDS_PERSON -> "A person does it and ticks its box in the task file (or gives it run: and verify: steps).";
            case UNAVAILABLE -> "Give the pipeline what it needs (" + (c.detail() == null ? "see the reason"
                    : c.detail()) + "), then run " + t.id() + " again.";
        };
    }
}
