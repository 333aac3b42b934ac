package io.taskstream.reporter.report;

import io.taskstream.events.data.PlannedCriterion;
import io.taskstream.reporter.session.EventText;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The task sections of the Markdown report: processed (with a dry run's plans), completed, blocked, withdrawn and
 * waiting tasks.
 */
final class MarkdownTaskSections {
    private final Md md;

    MarkdownTaskSections(Md md) {
        this.md = md;
    }

    void processed(SessionReport r) {
        md.heading(2, "Tasks Processed");
        List<TaskReport> processed = r.tasks().stream().filter(t -> t.queuePosition() != null).toList();
        if (processed.isEmpty()) {
            md.line("No task became ready in this run.").blank();
        }
        for (TaskReport t : processed) {
            md.heading(3, t.id() + ": " + Md.inline(t.title()));
            md.field("Status", switch (t.status()) {
                case COMPLETED -> "Completed and archived";
                case BLOCKED -> "Blocked" + (t.blocking().needsHuman() ? " (needs a person)" : "")
                        + issueRefs(r, t.id(), " by ");
                case WITHDRAWN -> "Withdrawn: " + Md.inline(t.withdrawal().reason());
                case PLANNED -> "Planned (dry run): nothing was executed or recorded";
                default -> t.status().label() + " (" + t.completionPercent() + "% complete)";
            });
            md.field("Priority", Md.capitalized(t.priority()));
            md.field("Type", Md.inline(t.type()));
            md.field("Queue position", String.valueOf(t.queuePosition()));
            if (!t.dependsOn().isEmpty()) {
                md.field("Depends on", String.join(", ", t.dependsOn()));
            }
            md.field("Outcome", Md.inline(t.status() == TaskStatus.BLOCKED && !r.insights().issuesOf(t.id()).isEmpty()
                    ? t.criteriaMet() + " of " + Md.plural(t.criteriaTotal(), "acceptance criterion", "acceptance criteria")
                    + " met" : t.outcome()));
            md.blank();
            if (t.plan() != null) {
                planTable(t);
            } else {
                criteriaTable(r, t);
            }
        }
    }

    /** What a dry run would do with each criterion: plan, commands, directory and checks. */
    private void planTable(TaskReport t) {
        if (t.plan().criteria().isEmpty()) {
            md.line("The task has no acceptance criteria.").blank();
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (PlannedCriterion c : t.plan().criteria()) {
            String plan = Plan.label(c.plan()) + (c.needs().isEmpty() ? "" : " (needs " + c.needs().stream()
                    .map(String::valueOf).collect(Collectors.joining(", ")) + ")");
            String verify = !c.verify().isEmpty() ? commands(c.verify())
                    : Plan.RUN.equals(c.plan()) ? "none (would be unverifiable)" : "-";
            rows.add(List.of(String.valueOf(c.number()), c.text(), plan, commands(c.commands()),
                    c.workingDir() == null || c.workingDir().isBlank() ? "-" : Md.code(c.workingDir()), verify));
            List<String> more = new ArrayList<>();
            if (!c.envNames().isEmpty()) more.add("env " + String.join(", ", c.envNames()));
            if (c.timeoutSeconds() > 0) more.add("timeout " + EventText.duration(c.timeoutSeconds() * 1000));
            if (!more.isEmpty() && Plan.RUN.equals(c.plan())) {
                notes.add("- Criterion " + c.number() + ": " + String.join("; ", more));
            }
        }
        md.table(List.of("#", "Criterion", "Plan", "Commands", "In", "Verify"), rows);
        notes.forEach(md::line);
        if (!notes.isEmpty()) {
            md.blank();
        }
    }

    private static String commands(List<String> commands) {
        return commands.isEmpty() ? "-" : commands.stream().map(Md::code).collect(Collectors.joining("; "));
    }

    private void criteriaTable(SessionReport r, TaskReport t) {
        if (t.criteria().isEmpty()) {
            md.line("The task has no acceptance criteria.").blank();
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (CriterionReport c : t.criteria()) {
            rows.add(List.of(String.valueOf(c.number()), c.text(), c.result().label(), String.valueOf(c.attempts()),
                    c.attempts() == 0 ? "-" : EventText.duration(c.durationMillis())));
        }
        md.table(List.of("#", "Criterion", "Result", "Attempts", "Duration"), rows);
        List<CriterionReport> notMet = t.criteria().stream()
                .filter(c -> !c.result().met() && c.detail() != null && !c.detail().isBlank()).toList();
        for (CriterionReport c : notMet) {
            String ref = r.insights().issuesOf(t.id()).stream().filter(i -> i.criterion() == c.number())
                    .map(i -> "issue " + i.number()).findFirst().orElse(Md.inline(c.detail()));
            md.line("- Criterion " + c.number() + " " + c.result().label() + ": " + ref
                    + (c.leftChanged().isEmpty() ? "" : "; left changed, committed nowhere: "
                    + c.leftChanged().stream().map(Md::code).collect(Collectors.joining(", "))));
        }
        List<CriterionReport> committed = t.criteria().stream().filter(c -> !c.repoCommits().isEmpty()).toList();
        for (CriterionReport c : committed) {
            md.line("- Criterion " + c.number() + " committed " + c.repoCommits().stream()
                    .map(MarkdownTaskSections::repoCommit).collect(Collectors.joining("; ")));
        }
        if (!notMet.isEmpty() || !committed.isEmpty()) {
            md.blank();
        }
    }

    static String repoCommit(io.taskstream.events.data.RepoCommit c) {
        String where = Md.code(c.repository()) + (c.branch().isEmpty() ? "" : " on " + Md.code(c.branch()));
        if (c.commit().isEmpty()) {
            return "nothing in " + where + ": " + Md.inline(c.note());
        }
        return "in " + where + " as " + Md.code(EventText.shortSha(c.commit())) + ", "
                + (c.pushed() ? "pushed" : Md.inline(c.note().isEmpty() ? "not pushed" : c.note()))
                + (c.pushed() && !c.note().isEmpty() ? " (" + Md.inline(c.note()) + ")" : "");
    }

    void completed(SessionReport r) {
        md.heading(2, "Tasks Completed");
        int n = 1;
        for (TaskReport t : r.tasks()) {
            if (t.status() == TaskStatus.COMPLETED) {
                Completion c = t.completion();
                md.line(n++ + ". **" + t.id() + "**: " + Md.inline(t.title()) + " (archived to "
                        + Md.code(c.archivedPath()) + " in " + Md.code(EventText.shortSha(c.commit())) + ")");
            }
        }
        for (String id : r.completedBeforeRun()) {
            md.line(n++ + ". **" + id + "**: already in completed/ before the run");
        }
        if (n == 1) {
            md.line("None.");
        }
        md.blank();
    }

    void blocked(SessionReport r) {
        md.heading(2, "Tasks Blocked");
        List<TaskReport> blocked = r.tasks().stream().filter(t -> t.status() == TaskStatus.BLOCKED).toList();
        if (blocked.isEmpty() && r.blockedBeforeRun().isEmpty()) {
            md.line("None.").blank();
        }
        for (TaskReport t : blocked) {
            Blocking b = t.blocking();
            md.heading(3, t.id() + ": " + Md.inline(t.title()));
            String refs = issueRefs(r, t.id(), "");
            md.field("Reason", refs.isEmpty() ? Md.inline(b.reason()) : refs.strip() + " (see Critical Issues)");
            md.field("Needs a person", b.needsHuman() ? "yes" : "no (a failure: fix it and run again)");
            if (!b.blockers().isEmpty() && refs.isEmpty()) {
                md.line("- **Blockers**:");
                b.blockers().forEach(line -> md.line("  - " + Md.inline(line)));
            }
            if (b.commit() != null && !b.commit().isBlank()) {
                md.field("Recorded in", Md.code(EventText.shortSha(b.commit())));
            }
            md.blank();
        }
        if (!r.blockedBeforeRun().isEmpty()) {
            md.line("Already blocked in their files before the run (not run until a person clears the block):");
            r.blockedBeforeRun().forEach(id -> md.line("- **" + id + "**"));
            md.blank();
        }
    }

    /** {@code  by issues 1, 2}, or empty when the task has no critical issue. */
    static String issueRefs(SessionReport r, String task, String prefix) {
        var own = r.insights().issuesOf(task);
        if (own.isEmpty()) {
            return "";
        }
        return prefix + (own.size() == 1 ? "issue " : "issues ")
                + own.stream().map(i -> String.valueOf(i.number())).collect(Collectors.joining(", "));
    }

    void withdrawn(SessionReport r) {
        if (r.withdrawn().isEmpty()) {
            return;
        }
        md.heading(2, "Tasks Withdrawn");
        md.line("Taken out of the run: deleted or moved to completed/ by hand, or already running in another run."
                + " Whatever of them was still to run was not started.").blank();
        List<List<String>> rows = new ArrayList<>();
        for (Withdrawal w : r.withdrawn()) {
            rows.add(List.of(w.task(), w.path() == null || w.path().isBlank() ? "-" : Md.code(w.path()),
                    w.reason(), w.shortCommit() == null ? "-" : Md.code(w.shortCommit())));
        }
        md.table(List.of("Task", "Path", "Reason", "Commit"), rows);
    }

    void waiting(SessionReport r) {
        List<TaskReport> waiting = r.tasks().stream()
                .filter(t -> t.status() == TaskStatus.HELD_BACK || t.status() == TaskStatus.WAITING).toList();
        if (waiting.isEmpty()) {
            return;
        }
        md.heading(2, "Tasks Not Started");
        for (TaskReport t : waiting) {
            md.line("- **" + t.id() + "** (" + Md.inline(t.title()) + "): " + t.status().label().toLowerCase()
                    + ", waiting on " + String.join(", ", t.waitingOn()) + ". Next: " + Md.inline(t.nextAction()));
        }
        md.blank();
    }
}
