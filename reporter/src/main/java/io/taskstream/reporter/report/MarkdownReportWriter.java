package io.taskstream.reporter.report;

import io.taskstream.reporter.session.EventText;
import io.taskstream.reporter.session.InvalidFile;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes a session report as Markdown in the shape of the hand-written session reports it replaces: summary
 * first, then critical issues and recommendations, tasks, blockers, withdrawals, invalid files, verification
 * evidence, commits per repository, a per-task timeline, metrics and the backlog table. Each failure's reason is
 * said once, in its issue; other sections refer to the issue by number. The text
 * depends only on the report, so the same events always give the same bytes.
 */
public final class MarkdownReportWriter {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("MMMM d, yyyy, HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** A writer; the timeline is one line per task (the JSON report keeps every event). */
    public MarkdownReportWriter() {
    }

    public String write(SessionReport r) {
        Md md = new Md();
        header(md, r);
        executiveSummary(md, r);
        MarkdownFindings findings = new MarkdownFindings(md);
        findings.issues(r);
        findings.recommendations(r);
        MarkdownTaskSections tasks = new MarkdownTaskSections(md);
        tasks.processed(r);
        tasks.completed(r);
        tasks.blocked(r);
        tasks.withdrawn(r);
        tasks.waiting(r);
        invalidFiles(md, r.invalidFiles());
        findings.verification(r);
        findings.git(r);
        findings.timeline(r);
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
        md.line(String.join(" ", r.insights().summary().stream().map(Md::inline).toList())).blank();
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
        md.field("Tasks", "processed " + s.processed() + " of " + s.tasks() + ": "
                + String.join(", ", parts) + "; " + s.waiting() + " not started (waiting on dependencies); "
                + (withdrawnBefore > 0 ? withdrawnBefore + " withdrawn before they ran; " : "")
                + Md.plural(s.invalid(), "invalid task file", "invalid task files"));
        if (s.planned() == 0 || s.criteriaTotal() > 0) {
            md.field("Acceptance criteria met", s.criteriaMet() + " of " + s.criteriaTotal() + " (" + s.percentMet()
                    + "%)" + (s.planned() > 0 ? " (planned tasks left out)" : ""));
        }
        int issues = r.insights().issues().size();
        if (issues > 0) {
            md.field("Critical issues", String.valueOf(issues));
        }
        if (s.durationMillis() > 0) {
            md.field("Duration", EventText.duration(s.durationMillis()));
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
        md.field("Task success rate", m.taskSuccessPercent() + "% of the tasks that ran completed");
        md.field("Acceptance criteria met",
                m.criteriaMet() + " of " + m.criteriaTotal() + " (" + m.percentMet() + "%), counting " + m.basis());
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
        timePerTask(md, r);
    }

    /** Wall time of each task that ran, and each criterion's command and check time. */
    private static void timePerTask(Md md, SessionReport r) {
        List<List<String>> rows = new ArrayList<>();
        for (var lane : r.insights().lanes()) {
            if (lane.start() == null) {
                continue;
            }
            TaskReport t = r.tasks().stream().filter(x -> x.id().equals(lane.task())).findFirst().orElseThrow();
            String wall = lane.end() == null ? "-" : EventText.duration(
                    java.time.Duration.between(lane.start(), lane.end()).toMillis());
            String criteria = t.criteria().stream().filter(c -> c.attempts() > 0)
                    .map(c -> "#" + c.number() + " " + EventText.duration(c.durationMillis())
                            + (c.verificationMillis() > 0 ? " + check " + EventText.duration(c.verificationMillis()) : ""))
                    .collect(Collectors.joining(", "));
            int retries = t.criteria().stream().mapToInt(CriterionReport::retries).sum();
            rows.add(List.of(t.id(), wall, criteria.isEmpty() ? "-" : criteria, String.valueOf(retries)));
        }
        if (rows.isEmpty()) {
            return;
        }
        md.heading(3, "Time per Task");
        md.table(List.of("Task", "Ready to end", "Criteria (command + check)", "Retries"), rows);
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
