package io.taskstream.reporter.report;

import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.FailureCause;
import io.taskstream.events.data.PlannedCriterion;
import io.taskstream.events.data.TaskBlocked;
import io.taskstream.events.data.TaskCompleted;
import io.taskstream.events.data.TaskPlanned;
import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.events.data.TaskWithdrawn;
import io.taskstream.reporter.session.CriterionStats;
import io.taskstream.reporter.session.EventText;
import io.taskstream.reporter.session.RunLedger;
import io.taskstream.reporter.session.TaskLedger;
import io.taskstream.runtime.progress.CriterionProgress;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Builds the report of one task from its ledger. */
final class TaskReports {
    private static final int MAX_OUTPUT = 400;

    private final RunLedger run;

    TaskReports(RunLedger run) {
        this.run = run;
    }

    TaskReport of(TaskLedger t) {
        TaskSnapshot s = t.snapshot();
        TaskStatus status = status(t);
        List<CriterionReport> criteria = criteria(t);
        int met = (int) criteria.stream().filter(c -> c.result().met()).count();
        List<String> waitingOn = t.waitingOn() == null ? List.of()
                : t.waitingOn().stream().map(d -> d + " (" + dependencyState(d) + ")").toList();
        Completion completion = completion(t.completed(), t);
        Blocking blocking = blocking(t.blocked(), t);
        Withdrawal withdrawal = withdrawal(t.withdrawn(), t);
        Plan plan = plan(t.planned(), t);
        String next = nextAction(status, t, blocking, withdrawal);
        String path = s != null ? s.path() : withdrawal != null && withdrawal.path() != null ? withdrawal.path() : "";
        TaskReport partial = new TaskReport(t.taskId(), s == null ? t.taskId() : title(t.taskId(), s.title()),
                s == null ? "" : s.priority(), s == null ? "" : s.taskType(), path, status,
                t.run() == null ? null : t.run().ready().queuePosition(), s == null ? List.of() : s.dependsOn(),
                waitingOn, null, met, criteria.size(), criteria, completion, blocking, withdrawal, plan, next, null);
        return new TaskReport(partial.id(), partial.title(), partial.priority(), partial.type(), partial.path(),
                status, partial.queuePosition(), partial.dependsOn(), waitingOn, outcome(partial), met,
                criteria.size(), criteria, completion, blocking, withdrawal, plan, next, TaskResults.of(partial));
    }

    /** Task files often repeat their id in the title ("TASK-001: ..."); the report already shows it. */
    private static String title(String id, String title) {
        String prefix = id + ":";
        return title.startsWith(prefix) && title.length() > prefix.length()
                ? title.substring(prefix.length()).strip() : title;
    }

    private TaskStatus status(TaskLedger t) {
        if (t.completed() != null) return TaskStatus.COMPLETED;
        if (t.blocked() != null) return TaskStatus.BLOCKED;
        if (t.withdrawn() != null) return TaskStatus.WITHDRAWN;
        if (t.planned() != null) return TaskStatus.PLANNED;
        if (t.processed()) return TaskStatus.IN_PROGRESS;
        return run.heldBack(t.taskId()) ? TaskStatus.HELD_BACK : TaskStatus.WAITING;
    }

    private List<CriterionReport> criteria(TaskLedger t) {
        List<CriterionReport> out = new ArrayList<>();
        if (t.planned() != null) {
            // A dry run: every criterion was only planned, none met or failed, whatever its file says.
            for (PlannedCriterion c : t.planned().criteria()) {
                CriterionStats st = t.stats(c.number());
                out.add(new CriterionReport(c.number(), c.text(), CriterionResult.PLANNED, st.attempts(),
                        st.retries(), st.verificationFailures(), st.commandMillis(), st.verificationMillis(),
                        List.of(), null, Plan.reason(c.plan()), null, List.of(), List.of(), List.of(),
                        c.workingDir() == null ? "" : c.workingDir(), c.verify(), null, null, List.of(), null));
            }
        } else if (t.run() != null) {
            for (CriterionProgress p : t.run().criteria()) {
                CriterionReport c = criterion(p.spec(), CriterionResult.of(p.phase()), t.stats(p.spec().number()),
                        p.detail());
                out.add(c.result() == CriterionResult.SKIPPED && c.skipReason() == null
                        && !t.run().ready().options().selects(c.number()) ? filtered(c) : c);
            }
        } else if (t.snapshot() != null) {
            for (CriterionSpec c : t.snapshot().criteria()) {
                CriterionResult r = c.checked() ? CriterionResult.ALREADY_DONE : CriterionResult.NOT_RUN;
                out.add(criterion(c, r, t.stats(c.number()), null));
            }
        }
        return out;
    }

    private static CriterionReport criterion(CriterionSpec spec, CriterionResult result, CriterionStats st,
                                             String phaseDetail) {
        String detail = switch (result) {
            case VERIFIED -> "recorded in " + EventText.shortSha(st.verifiedCommit());
            case ALREADY_DONE -> "checked before the run";
            default -> why(phaseDetail, st);
        };
        return new CriterionReport(spec.number(), spec.text(), result, st.attempts(), st.retries(),
                st.verificationFailures(),
                st.commandMillis(), st.verificationMillis(), st.commands(),
                tail(st.output() != null ? st.output() : st.verificationOutput()), detail, st.verifiedCommit(),
                st.checks(), st.repoCommits(), result.met() ? List.of() : st.leftChanged(),
                st.workingDir().isBlank() ? spec.workingDir() : st.workingDir(), verifyAsWritten(spec),
                result.met() ? null : failure(result, st, detail),
                st.skipReason() == null ? null : st.skipReason().name().toLowerCase(java.util.Locale.ROOT),
                st.spans(), st.skippedAt());
    }

    /** The run's criteria filter left it out: the executor emits nothing for it, its run state says so. */
    private static CriterionReport filtered(CriterionReport c) {
        return new CriterionReport(c.number(), c.text(), c.result(), c.attempts(), c.retries(),
                c.verificationFailures(), c.durationMillis(), c.verificationMillis(), c.commands(), c.output(),
                c.detail(), c.commit(), c.checks(), c.repoCommits(), c.leftChanged(), c.workingDir(), c.verify(),
                c.failure(), "filtered", c.spans(), c.skippedAt());
    }

    private static List<String> verifyAsWritten(CriterionSpec spec) {
        List<String> out = new ArrayList<>(spec.verify());
        spec.actions().forEach(a -> out.add(a.kind() + ": " + a.value()));
        return out;
    }

    /** How it failed; null when nothing failed (not run, skipped, still running). */
    private static CriterionFailure failure(CriterionResult result, CriterionStats st, String detail) {
        boolean checkFailed = result != CriterionResult.UNVERIFIABLE && st.lastVerificationFailure() != null
                && (st.lastCause() == null || st.lastCause() == FailureCause.VERIFICATION_FAILED);
        boolean unverifiable = result == CriterionResult.UNVERIFIABLE;
        if (st.lastCause() == null && !checkFailed && !unverifiable) {
            return null;
        }
        return new CriterionFailure(st.lastCause() == null ? null : st.lastCause().name().toLowerCase(java.util.Locale.ROOT),
                st.lastExitCode(), tail(st.output()), tail(st.checkOutput()), st.lastRanOk(), checkFailed, detail);
    }

    private static String tail(String output) {
        if (output == null || output.isBlank()) {
            return null;
        }
        String s = output.strip();
        return s.length() > MAX_OUTPUT ? "..." + s.substring(s.length() - MAX_OUTPUT + 3) : s;
    }

    /** The decisive reason and, when a failed check lies behind it, what the check found. */
    private static String why(String phaseDetail, CriterionStats st) {
        String reason = phaseDetail != null ? phaseDetail : st.lastReason();
        String check = st.lastVerificationFailure();
        if (check != null && (reason == null || !reason.contains(check))) {
            return reason == null ? "verification: " + check : reason + " (verification: " + check + ")";
        }
        return reason;
    }

    private String dependencyState(String dep) {
        if (run.scan() != null && run.scan().completed().contains(dep)) {
            return "completed before the run";
        }
        if (run.scan() != null && run.scan().blocked().contains(dep)) {
            return "blocked before the run";
        }
        TaskLedger d = run.task(dep).orElse(null);
        if (d != null && d.completed() != null) return "completed";
        if (d != null && d.blocked() != null) return "blocked";
        if (d != null && d.withdrawn() != null) return "withdrawn";
        if (d != null && d.planned() != null) return "planned by the dry run";
        if (run.scan() != null && run.scan().withdrawn().contains(dep)) return "withdrawn";
        if (d != null && d.processed()) return "in progress";
        if (d != null && d.waitingOn() != null) return run.heldBack(dep) ? "held back" : "waiting";
        boolean invalid = run.invalidFiles().stream()
                .anyMatch(f -> f.subject().equals(dep) || f.path().endsWith("/" + dep + ".md"));
        if (invalid) return "invalid";
        if (run.scan() != null && !run.scan().ready().contains(dep) && !run.scan().waiting().contains(dep)) {
            return "not in this run";
        }
        return "not seen yet";
    }

    private static Completion completion(TaskCompleted c, TaskLedger t) {
        return c == null ? null : new Completion(c.commit(), c.archivedPath(), t.endedAt());
    }

    private static Blocking blocking(TaskBlocked b, TaskLedger t) {
        return b == null ? null : new Blocking(b.reason(), b.needsHuman(), b.blockers(), b.commit(), t.endedAt());
    }

    private static Withdrawal withdrawal(TaskWithdrawn w, TaskLedger t) {
        return w == null ? null : new Withdrawal(t.taskId(), w.path(), w.reason(), w.commit(),
                w.commit() == null || w.commit().isBlank() ? null : EventText.shortSha(w.commit()), t.endedAt());
    }

    private static Plan plan(TaskPlanned p, TaskLedger t) {
        return p == null ? null : new Plan(p.executor(), (int) p.criteria().stream()
                .filter(c -> Plan.RUN.equals(c.plan())).count(), p.criteria(), t.endedAt());
    }

    private String nextAction(TaskStatus status, TaskLedger t, Blocking b, Withdrawal w) {
        return switch (status) {
            case COMPLETED -> "None (archived)";
            case BLOCKED -> b.needsHuman() ? "A person: " + b.reason() : "Fix, then rerun: " + b.reason();
            case WITHDRAWN -> "None (withdrawn: " + w.reason() + ")";
            case IN_PROGRESS -> "Let the run finish";
            case PLANNED -> "Run without --dry-run to execute";
            case HELD_BACK -> heldBackByDryRunOnly(t.taskId(), new HashSet<>())
                    ? "Starts when " + String.join(", ", t.waitingOn()) + " completes in a run without --dry-run"
                    : "Unblock " + String.join(", ", t.waitingOn()) + " first";
            case WAITING -> "Starts when " + String.join(", ", t.waitingOn()) + " completes";
        };
    }

    /**
     * Held back only because a dry run planned, rather than ran, what it waits on: nothing needs unblocking.
     * Any other lost dependency (blocked, withdrawn, invalid, not in the run, a cycle) needs attention first.
     */
    private boolean heldBackByDryRunOnly(String id, Set<String> path) {
        if (!path.add(id)) {
            return false;
        }
        boolean dryRunOnly = false;
        for (String dep : run.task(id).map(TaskLedger::waitingOn).orElse(List.of())) {
            if (run.scan() != null && run.scan().completed().contains(dep)) {
                continue;
            }
            TaskLedger d = run.task(dep).orElse(null);
            if (d != null && d.completed() != null) {
                continue;
            }
            if (d != null && d.planned() != null) {
                dryRunOnly = true;
            } else if (d != null && !d.processed() && !d.terminal() && d.waitingOn() != null && run.heldBack(dep)) {
                if (!heldBackByDryRunOnly(dep, path)) {
                    return false;
                }
                dryRunOnly = true;
            } else if (d != null && d.processed() && !d.terminal()) {
                continue; // still running
            } else {
                return false;
            }
        }
        return dryRunOnly;
    }

    private static String outcome(TaskReport r) {
        long verified = r.criteria().stream().filter(c -> c.result() == CriterionResult.VERIFIED).count();
        long before = r.criteria().stream().filter(c -> c.result() == CriterionResult.ALREADY_DONE).count();
        String counts = r.criteriaMet() + " of " + r.criteriaTotal() + " acceptance criteria met ("
                + verified + " verified in this run, " + before + " already done)";
        return switch (r.status()) {
            case COMPLETED -> counts + "; archived to " + r.completion().archivedPath() + " in "
                    + EventText.shortSha(r.completion().commit());
            case BLOCKED -> "Blocked: " + r.blocking().reason() + "; " + counts;
            case WITHDRAWN -> "Withdrawn: " + r.withdrawal().reason() + "; " + counts;
            case PLANNED -> "Dry run: " + r.plan().wouldRun() + " of "
                    + Md.plural(r.criteriaTotal(), "criterion", "criteria") + " would run" + planExtras(r.plan())
                    + "; nothing was executed or recorded";
            case IN_PROGRESS -> "Still running: " + counts;
            case HELD_BACK -> "Not started: waiting on " + String.join(", ", r.waitingOn())
                    + ", which will not complete in this run";
            case WAITING -> "Not started yet: waiting on " + String.join(", ", r.waitingOn());
        };
    }

    private static String planExtras(Plan p) {
        List<String> parts = new ArrayList<>();
        int done = p.count(Plan.ALREADY_DONE);
        int filtered = p.count(Plan.FILTERED);
        int human = p.count(Plan.NEEDS_HUMAN);
        if (done > 0) parts.add(done + " already done");
        if (filtered > 0) parts.add(filtered + " filtered out");
        if (human > 0) parts.add(human + (human == 1 ? " needs" : " need") + " a person");
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }
}
