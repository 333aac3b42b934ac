package io.taskstream.reporter.report;

import io.taskstream.events.data.RepoCommit;
import io.taskstream.reporter.report.insight.CriticalIssue;
import io.taskstream.reporter.report.insight.Recommendation;
import io.taskstream.reporter.report.insight.RepoOperations;
import io.taskstream.reporter.report.insight.TaskTimeline;
import io.taskstream.reporter.report.insight.VerificationEvidence;
import io.taskstream.reporter.session.EventText;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The sections of the Markdown report a person reads to understand what went wrong: critical issues,
 * recommendations, verification evidence, commits per repository and the per-task timeline.
 */
final class MarkdownFindings {
    private static final int MAX_SYMPTOM_LINES = 12;
    private final Md md;

    MarkdownFindings(Md md) {
        this.md = md;
    }

    void issues(SessionReport r) {
        List<CriticalIssue> issues = r.insights().issues();
        md.heading(2, "Critical Issues");
        if (issues.isEmpty()) {
            md.line("None: every criterion that ran was verified.").blank();
            return;
        }
        for (CriticalIssue i : issues) {
            md.heading(3, "Issue " + i.number() + ": " + i.where() + " — " + i.kind().words());
            md.field("Criterion", Md.inline(i.criterionText()) + " (" + i.task() + ": " + Md.inline(i.taskTitle()) + ")");
            md.field("Symptom", "the " + switch (i.symptomFrom()) {
                case "check" -> "check's output";
                case "command" -> "command's output";
                default -> "reason given";
            } + (i.exitCode() >= 0 ? " (exit " + i.exitCode() + ")" : ""));
            block(i.symptom());
            if (!i.commands().isEmpty()) {
                md.field("Command", i.commands().stream().map(Md::code).collect(Collectors.joining("; ")));
            }
            if (!i.checks().isEmpty()) {
                md.field("Check", i.checks().stream().map(Md::code).collect(Collectors.joining("; ")));
            }
            md.field("Directory", Md.code(i.directory()));
            md.field("Attempts", i.attempts() + (i.retries() > 0 ? " (" + Md.plural(i.retries(), "retry", "retries") + ")" : ""));
            if (i.cause() != null && !i.cause().equals(i.symptom())) {
                md.field("Cause", Md.inline(i.cause()));
            }
            if (!i.consequences().isEmpty()) {
                md.field("Impact", String.join("; ", i.consequences()));
            }
            md.field("Resolution", Md.inline(i.resolution()));
            md.blank();
        }
    }

    private void block(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        List<String> lines = text.strip().lines().toList();
        if (lines.size() > MAX_SYMPTOM_LINES) {
            lines = lines.subList(lines.size() - MAX_SYMPTOM_LINES, lines.size());
        }
        md.blank().line("  ```");
        lines.forEach(l -> md.line("  " + l.replace("```", "'''")));
        md.line("  ```").blank();
    }

    void recommendations(SessionReport r) {
        md.heading(2, "Recommendations");
        List<Recommendation> recs = r.insights().recommendations();
        if (recs.isEmpty()) {
            md.line("Nothing to do: every task that ran completed.").blank();
            return;
        }
        int n = 1;
        for (Recommendation rec : recs) {
            md.line(n++ + ". **" + rec.priority().name() + "**: " + Md.inline(rec.action()) + " " + Md.inline(rec.why()));
        }
        md.blank();
    }

    void verification(SessionReport r) {
        List<VerificationEvidence> evidence = r.insights().verification();
        if (evidence.isEmpty()) {
            return;
        }
        md.heading(2, "Verification Results");
        for (VerificationEvidence v : evidence) {
            md.line("- **" + v.task() + " #" + v.criterion() + "** " + Md.inline(v.text()) + " ✓ — "
                    + (v.checks().isEmpty() ? "no check named" : "checked by " + v.checks().stream().map(Md::code)
                    .collect(Collectors.joining("; ")))
                    + (v.output() == null ? "" : ", which printed " + Md.code(oneLine(v.output())))
                    + "; recorded in " + Md.code(EventText.shortSha(v.commit()))
                    + (v.subject() == null ? "" : " " + Md.code(v.subject())));
            for (RepoCommit rc : v.repoCommits()) {
                md.line("  - committed " + MarkdownTaskSections.repoCommit(rc));
            }
        }
        md.blank();
    }

    void git(SessionReport r) {
        List<RepoOperations> repos = r.insights().git();
        if (repos.isEmpty()) {
            return;
        }
        md.heading(2, "Git Operations");
        int total = repos.stream().mapToInt(o -> o.commits().size()).sum();
        int pushed = repos.stream().mapToInt(RepoOperations::pushed).sum();
        md.field("Commits", total + " in " + Md.plural(repos.size(), "repository", "repositories") + ", " + pushed
                + " pushed");
        if (r.run().commit() != null) {
            md.field("Task repo scanned at", Md.code(EventText.shortSha(r.run().commit())));
        }
        md.blank();
        for (RepoOperations repo : repos) {
            md.heading(3, Md.code(repo.repository()) + " (" + repo.role() + ", " + repo.commits().size() + " commits, "
                    + repo.pushed() + " pushed)");
            int n = 1;
            for (RepoOperations.Commit c : repo.commits()) {
                String sha = c.sha().isEmpty() ? "no commit" : Md.code(c.shortSha());
                md.line(n++ + ". " + sha + (c.time() == null ? "" : " (" + EventText.clock(c.time()) + ")") + " "
                        + (c.exact() ? Md.code(c.subject()) : Md.inline(c.subject()) + " (subject not in the events)")
                        + (c.branch().isEmpty() ? "" : " on " + Md.code(c.branch())) + ", "
                        + pushed(c));
            }
            md.blank();
        }
    }

    void timeline(SessionReport r) {
        md.heading(2, "Timeline");
        md.line("✓ verified, ✗ failed attempt (a retry follows when attempts are left); times are command time.").blank();
        for (TaskTimeline t : r.insights().lanes()) {
            md.line("- " + Md.inline(t.line()));
        }
        md.blank();
    }

    /** {@code pushed}, {@code not pushed: no remote}; a note that already says so is not repeated. */
    private static String pushed(RepoOperations.Commit c) {
        String state = c.pushed() ? "pushed" : "not pushed";
        if (c.note().isEmpty()) {
            return state;
        }
        return c.note().startsWith(state) ? Md.inline(c.note()) : state + ": " + Md.inline(c.note());
    }

    private static String oneLine(String s) {
        String one = s.strip().replaceAll("\\s*\\R\\s*", " / ");
        return one.length() > 160 ? one.substring(0, 157) + "..." : one;
    }
}
