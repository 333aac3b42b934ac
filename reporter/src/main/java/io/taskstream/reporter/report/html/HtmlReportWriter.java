package io.taskstream.reporter.report.html;

import io.taskstream.events.data.RepoCommit;
import io.taskstream.reporter.report.BacklogRow;
import io.taskstream.reporter.report.Metrics;
import io.taskstream.reporter.report.SessionReport;
import io.taskstream.reporter.report.insight.CriticalIssue;
import io.taskstream.reporter.report.insight.Recommendation;
import io.taskstream.reporter.report.insight.RepoOperations;
import io.taskstream.reporter.report.insight.TaskTimeline;
import io.taskstream.reporter.report.insight.VerificationEvidence;
import io.taskstream.reporter.session.EventText;

import java.util.List;

/**
 * Writes a session report as one self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched): the
 * summary, the timeline chart, critical issues, recommendations, verification evidence, commits per repository,
 * metrics and the backlog table.
 */
public final class HtmlReportWriter {
    private static final String CSS = """
            body{font-family:system-ui,sans-serif;margin:24px;color:#212121;max-width:1220px}
            h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}
            h3{font-size:15px;margin:16px 0 6px}pre{background:#f5f5f5;padding:8px;overflow-x:auto;font-size:12px}
            code{background:#f5f5f5;padding:0 3px}table{border-collapse:collapse;font-size:13px}
            td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}.legend span{margin-right:14px;font-size:12px}
            .sw{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}
            .kind{color:#b71c1c}.lines li{font-family:monospace;font-size:12px}
            """;

    public String write(SessionReport r) {
        Html h = new Html();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .text("Session report " + r.runId()).raw("</title>\n<style>" + CSS + "</style></head><body>\n");
        h.el("h1", "Task Execution Session Report");
        h.raw("<p>Run <code>").text(r.runId()).raw("</code>");
        if (r.summary().startedAt() != null) {
            h.text(", " + EventText.clock(r.summary().startedAt()) + "–" + EventText.clock(r.summary().endedAt())
                    + " UTC");
        }
        h.text(r.run().finished() ? ", finished" : ", in progress").raw("</p>\n");
        h.el("h2", "Summary");
        for (String sentence : r.insights().summary()) {
            h.el("p", sentence);
        }
        timeline(h, r);
        issues(h, r.insights().issues());
        recommendations(h, r.insights().recommendations());
        verification(h, r.insights().verification());
        git(h, r.insights().git());
        metrics(h, r.metrics());
        backlog(h, r.backlog());
        h.raw("</body></html>\n");
        return h.toString();
    }

    private static void timeline(Html h, SessionReport r) {
        h.el("h2", "Timeline");
        h.raw("<div class=\"legend\">");
        for (Palette p : Palette.values()) {
            h.raw("<span><i class=\"sw\" style=\"background:" + p.hex() + "\"></i>").text(p.label()).raw("</span>");
        }
        h.raw("</div>\n").raw(SvgTimeline.of(r));
        h.raw("<ul class=\"lines\">\n");
        for (TaskTimeline t : r.insights().lanes()) {
            h.el("li", t.line());
        }
        h.raw("</ul>\n");
    }

    private static void issues(Html h, List<CriticalIssue> issues) {
        h.el("h2", "Critical Issues");
        if (issues.isEmpty()) {
            h.el("p", "None: every criterion that ran was verified.");
        }
        for (CriticalIssue i : issues) {
            h.raw("<section class=\"issue\" id=\"issue-" + i.number() + "\">\n");
            h.raw("<h3>").text("Issue " + i.number() + ": " + i.where() + " — ").raw("<span class=\"kind\">")
                    .text(i.kind().words()).raw("</span></h3>\n");
            h.el("p", i.criterionText() + " (" + i.task() + ": " + i.taskTitle() + ")");
            h.raw("<pre>").text(i.symptom()).raw("</pre>\n<ul>");
            if (!i.commands().isEmpty()) item(h, "Command", String.join("; ", i.commands()));
            if (!i.checks().isEmpty()) item(h, "Check", String.join("; ", i.checks()));
            item(h, "Directory", i.directory());
            item(h, "Attempts", i.attempts() + (i.retries() > 0 ? " (" + i.retries() + (i.retries() == 1 ? " retry)" : " retries)") : ""));
            if (i.cause() != null && !i.cause().equals(i.symptom())) item(h, "Cause", i.cause());
            if (!i.consequences().isEmpty()) item(h, "Impact", String.join("; ", i.consequences()));
            item(h, "Resolution", i.resolution());
            h.raw("</ul></section>\n");
        }
    }

    private static void item(Html h, String name, String value) {
        h.raw("<li><b>").text(name).raw("</b>: ").text(value).raw("</li>");
    }

    private static void recommendations(Html h, List<Recommendation> recs) {
        h.el("h2", "Recommendations");
        h.raw("<ol>\n");
        for (Recommendation rec : recs) {
            h.raw("<li><b>").text(rec.priority().name()).raw("</b>: ").text(rec.action() + " " + rec.why())
                    .raw("</li>\n");
        }
        h.raw("</ol>\n");
    }

    private static void verification(Html h, List<VerificationEvidence> evidence) {
        h.el("h2", "Verification Results");
        h.raw("<table><tr><th>Criterion</th><th>Checked by</th><th>Output</th><th>Recorded in</th><th>Other commits</th></tr>\n");
        for (VerificationEvidence v : evidence) {
            h.raw("<tr><td>").text(v.task() + " #" + v.criterion() + " " + v.text()).raw("</td><td>")
                    .text(String.join("; ", v.checks())).raw("</td><td><code>")
                    .text(v.output() == null ? "" : v.output()).raw("</code></td><td><code>")
                    .text(EventText.shortSha(v.commit())).raw("</code> ").text(v.subject() == null ? "" : v.subject())
                    .raw("</td><td>");
            for (RepoCommit rc : v.repoCommits()) {
                h.text(rc.repository() + " " + EventText.shortSha(rc.commit()) + (rc.pushed() ? " pushed" : " not pushed")
                        + (rc.note().isEmpty() ? "" : ": " + rc.note())).raw("<br>");
            }
            h.raw("</td></tr>\n");
        }
        h.raw("</table>\n");
    }

    private static void git(Html h, List<RepoOperations> repos) {
        h.el("h2", "Git Operations");
        for (RepoOperations repo : repos) {
            h.el("h3", repo.repository() + " (" + repo.role() + ", " + repo.commits().size() + " commits, "
                    + repo.pushed() + " pushed)");
            h.raw("<ol>\n");
            for (RepoOperations.Commit c : repo.commits()) {
                h.raw("<li><code>").text(c.shortSha()).raw("</code> <code>").text(c.subject()).raw("</code> ")
                        .text((c.branch().isEmpty() ? "" : "on " + c.branch() + ", ") + (c.pushed() ? "pushed" : "not pushed")
                                + (c.note().isEmpty() ? "" : ": " + c.note())).raw("</li>\n");
            }
            h.raw("</ol>\n");
        }
    }

    private static void metrics(Html h, Metrics m) {
        h.el("h2", "Metrics");
        h.raw("<ul>");
        item(h, "Acceptance criteria met", m.criteriaMet() + " of " + m.criteriaTotal() + " (" + m.percentMet()
                + "%), counting " + m.basis());
        item(h, "Task success rate", m.taskSuccessPercent() + "%");
        item(h, "Attempts", m.attempts() + ", retries " + m.retries() + ", verification failures "
                + m.verificationFailures());
        item(h, "Command time", EventText.duration(m.commandMillis()));
        item(h, "Verification time", EventText.duration(m.verificationMillis()));
        item(h, "Session duration", EventText.duration(m.durationMillis()));
        h.raw("</ul>\n");
    }

    private static void backlog(Html h, List<BacklogRow> rows) {
        h.el("h2", "Backlog Status");
        h.raw("<table><tr><th>Task</th><th>Status</th><th>Priority</th><th>Completion</th><th>Next Action</th></tr>\n");
        for (BacklogRow b : rows) {
            h.raw("<tr><td>").text(b.task()).raw("</td><td>").text(b.status()).raw("</td><td>").text(b.priority())
                    .raw("</td><td>").text(b.completionPercent() + "%").raw("</td><td>").text(b.nextAction())
                    .raw("</td></tr>\n");
        }
        h.raw("</table>\n");
    }
}
