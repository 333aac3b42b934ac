package io.taskstream.reporter.report;

import io.taskstream.reporter.session.EventText;
import io.taskstream.reporter.session.InvalidFile;
import io.taskstream.reporter.session.TimelineEntry;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes a session report as Markdown in the shape of the hand-written session reports it replaces: summary
 * first, then tasks, blockers, withdrawals, invalid files, commits, a timeline, metrics and the backlog table. The text
 * depends only on the report, so the same events always give the same bytes.
 */
public final class MarkdownReportWriter {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("MMMM d, yyyy, HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private final int maxTimelineRows;

    /** A writer that shows at most 500 timeline rows (the JSON report keeps them all). */
    public MarkdownReportWriter() {
        this(500);
    }

    public MarkdownReportWriter(int maxTimelineRows) {
        this.maxTimelineRows = maxTimelineRows;
    }

    public String write(SessionReport r) {
        Md md = new Md();
        header(md, r);
        executiveSummary(md, r);
        MarkdownTaskSections tasks = new MarkdownTaskSections(md);
        tasks.processed(r);
        tasks.completed(r);
        tasks.blocked(r);
        tasks.withdrawn(r);
        tasks.waiting(r);
        invalidFiles(md, r.invalidFiles());
        gitOperations(md, r);
        timeline(md, r.timeline());
        metrics(md, r);
        backlog(md, r);
        md.line("---").blank();
        md.line("**Report built from**: " + Md.plural(r.timeline().size(), "event", "events") + " of run "
                + Md.code(r.runId()) + (r.run().finished() ? "" : " (the run is not finished)"));
        return md.toString();
    }

    private static void header(Md md, SessionReport r) {
        RunInfo run = r.run();
        Summary s = r.summary();
        md.heading(1, "Task Execution Session Report");
        md.line("**Run ID**: " + Md.code(run.runId()) + "  ");
        if (s.startedAt() != null) {
            md.line("**Date**: " + DATE.format(s.startedAt()) + "–" + EventText.clock(s.endedAt()) + " UTC  ");
        }
        if (run.repository() != null && !run.repository().isBlank()) {
            boolean branch = run.branch() != null && !run.branch().isBlank();
            md.line("**Repository**: " + Md.code(run.repository())
                    + (branch ? " (branch " + Md.code(run.branch()) + ")" : "") + "  ");
        }
        if (run.commit() != null) {
            md.line("**Commit**: " + Md.code(EventText.shortSha(run.commit())) + " (" + run.commit() + ")  ");
            md.line("**Scan**: " + (run.incremental()
                    ? "incremental since " + EventText.shortSha(run.previousCommit()) : "full") + "  ");
        }
        if (run.trigger() != null) {
            md.line("**Trigger**: " + run.trigger() + "  ");
        }
        List<String> options = new ArrayList<>();
        if (run.dryRun()) options.add("dry run");
        if (!run.criteriaFilter().isEmpty()) options.add("criteria " + run.criteriaFilter().stream()
                .map(String::valueOf).collect(Collectors.joining(",")));
        if (run.skipVerification()) options.add("skip verification");
        if (!options.isEmpty()) {
            md.line("**Options**: " + String.join(", ", options) + "  ");
        }
        md.line("**State**: " + (run.finished() ? "finished" : "in progress (as far as its events tell)"));
        md.blank();
    }

    private static void executiveSummary(Md md, SessionReport r) {
        Summary s = r.summary();
        md.heading(2, "Executive Summary");
        if (r.run().dryRun() || s.planned() > 0) {
            md.line("Dry run: " + Md.plural(s.planned(), "task", "tasks") + " planned, "
                    + Md.plural(s.criteriaWouldRun(), "criterion", "criteria")
                    + " would run, nothing was executed or recorded.").blank();
        }
        List<String> parts = new ArrayList<>();
        parts.add(s.completed() + " completed");
        parts.add(s.blocked() + " blocked");
        if (s.planned() > 0) parts.add(s.planned() + " planned");
        // Withdrawn after they became ready (another run had them) versus before (deleted or archived by hand).
        int withdrawnRunning = (int) r.tasks().stream()
                .filter(t -> t.status() == TaskStatus.WITHDRAWN && t.queuePosition() != null).count();
        if (withdrawnRunning > 0) parts.add(withdrawnRunning + " withdrawn");
        int running = (int) r.tasks().stream().filter(t -> t.status() == TaskStatus.IN_PROGRESS).count();
        if (running > 0) parts.add(running + " still running");
        int withdrawnBefore = s.withdrawn() - withdrawnRunning;
        String sentence = "Processed " + s.processed() + " of " + Md.plural(s.tasks(), "task", "tasks") + ": "
                + String.join(", ", parts) + "; " + s.waiting() + " not started (waiting on dependencies); "
                + (withdrawnBefore > 0 ? withdrawnBefore + " withdrawn before they ran; " : "")
                + Md.plural(s.invalid(), "invalid task file", "invalid task files") + ".";
        md.line(sentence).blank();
        if (s.planned() == 0 || s.criteriaTotal() > 0) {
            md.line("**Acceptance criteria met**: " + s.criteriaMet() + " of " + s.criteriaTotal() + " ("
                    + s.percentMet() + "%) across the processed tasks"
                    + (s.planned() > 0 ? " (planned tasks left out)" : "")).blank();
        }
        for (TaskReport t : r.tasks()) {
            if (t.status() == TaskStatus.COMPLETED) {
                md.line("- **Completed**: " + t.id() + " (" + Md.inline(t.title()) + ")");
            } else if (t.status() == TaskStatus.BLOCKED) {
                md.line("- **Blocked**: " + t.id() + " (" + Md.inline(t.title()) + "): "
                        + Md.inline(t.blocking().reason()) + (t.blocking().needsHuman() ? " — needs a person" : ""));
            } else if (t.status() == TaskStatus.WITHDRAWN) {
                md.line("- **Withdrawn**: " + t.id() + (t.title().equals(t.id()) ? "" : " (" + Md.inline(t.title()) + ")")
                        + ": " + Md.inline(t.withdrawal().reason()));
            } else if (t.status() == TaskStatus.PLANNED) {
                md.line("- **Planned**: " + t.id() + " (" + Md.inline(t.title()) + "): "
                        + t.plan().wouldRun() + " of " + Md.plural(t.criteriaTotal(), "criterion", "criteria")
                        + " would run");
            } else if (t.status() == TaskStatus.HELD_BACK) {
                md.line("- **Held back**: " + t.id() + ": waiting on " + String.join(", ", t.waitingOn()));
            }
        }
        for (InvalidFile f : r.invalidFiles()) {
            md.line("- **Invalid**: " + Md.code(f.location()) + ": " + Md.inline(f.problem()));
        }
        if (s.durationMillis() > 0) {
            md.line("- **Duration**: " + EventText.duration(s.durationMillis()));
        }
        md.blank();
    }

    private static void invalidFiles(Md md, List<InvalidFile> invalid) {
        if (invalid.isEmpty()) {
            return;
        }
        md.heading(2, "Invalid Task Files");
        md.line("Nothing in these files was executed until they are fixed.").blank();
        for (InvalidFile f : invalid) {
            md.line("- " + Md.code(f.location()) + ": " + Md.inline(f.problem()));
        }
        md.blank();
    }

    private static void gitOperations(Md md, SessionReport r) {
        List<String> elsewhere = new ArrayList<>();
        for (TaskReport t : r.tasks()) {
            for (CriterionReport c : t.criteria()) {
                c.repoCommits().forEach(rc -> elsewhere.add("- " + t.id() + " #" + c.number() + " committed "
                        + MarkdownTaskSections.repoCommit(rc)));
            }
        }
        if (r.commits().isEmpty() && elsewhere.isEmpty()) {
            return;
        }
        md.heading(2, "Git Operations");
        md.field("Task repo commits", String.valueOf(r.commits().size()));
        if (r.run().commit() != null) {
            md.field("Scanned at", Md.code(EventText.shortSha(r.run().commit())));
        }
        md.blank();
        int n = 1;
        for (CommitReport c : r.commits()) {
            md.line(n++ + ". " + Md.code(c.shortSha()) + " (" + EventText.clock(c.time()) + "): "
                    + Md.inline(c.what().get(0)));
            for (String more : c.what().subList(1, c.what().size())) {
                md.line("   - also " + Md.inline(more));
            }
        }
        md.blank();
        if (!elsewhere.isEmpty()) {
            md.field("Other repositories", elsewhere.size() + " commits (GitOps and workspace repositories)");
            md.blank();
            elsewhere.forEach(md::line);
            md.blank();
        }
    }

    private void timeline(Md md, List<TimelineEntry> timeline) {
        md.heading(2, "Timeline");
        List<List<String>> rows = new ArrayList<>();
        for (TimelineEntry e : timeline.subList(0, Math.min(timeline.size(), maxTimelineRows))) {
            rows.add(List.of(EventText.clock(e.time()), e.task(), e.text()));
        }
        md.table(List.of("Time (UTC)", "Task", "Event"), rows);
        if (timeline.size() > maxTimelineRows) {
            md.line("(" + (timeline.size() - maxTimelineRows) + " more events in the JSON report)").blank();
        }
    }

    private static void metrics(Md md, SessionReport r) {
        Metrics m = r.metrics();
        Summary s = r.summary();
        md.heading(2, "Metrics");
        md.heading(3, "Success Rate");
        md.field("Tasks completed", s.completed() + " of " + s.processed() + " processed");
        if (s.planned() > 0) {
            md.field("Tasks planned (dry run)", s.planned() + ", " + Md.plural(s.criteriaWouldRun(), "criterion",
                    "criteria") + " would run; left out of the numbers below");
        }
        md.field("Acceptance criteria met",
                m.criteriaMet() + " of " + m.criteriaTotal() + " (" + m.percentMet() + "%)");
        md.line("  - verified in this run: " + m.verified() + ", already done: " + m.alreadyDone()
                + ", failed: " + m.failed() + ", skipped: " + m.skipped() + ", unverifiable: " + m.unverifiable());
        md.blank();
        md.heading(3, "Execution");
        md.field("Attempts", String.valueOf(m.attempts()));
        md.field("Retries", String.valueOf(m.retries()));
        md.field("Verification failures", String.valueOf(m.verificationFailures()));
        md.field("Command time", EventText.duration(m.commandMillis()));
        md.field("Verification time", EventText.duration(m.verificationMillis()));
        md.field("Commits", String.valueOf(m.commits()));
        md.field("Session duration", EventText.duration(m.durationMillis()));
        md.blank();
    }

    private static void backlog(Md md, SessionReport r) {
        md.heading(2, "Backlog Status");
        List<List<String>> rows = new ArrayList<>();
        for (BacklogRow b : r.backlog()) {
            rows.add(List.of(b.task(), b.status(), Md.capitalized(b.priority()), b.completionPercent() + "%",
                    b.nextAction()));
        }
        md.table(List.of("Task", "Status", "Priority", "Completion", "Next Action"), rows);
    }
}
