package io.taskstream.reporter.retro;

import io.taskstream.reporter.retro.Retrospective.*;
import io.taskstream.reporter.session.EventText;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Writes a {@link Retrospective} as GitHub-flavoured Markdown; the text depends only on the retrospective. */
public final class RetroMarkdownWriter {

    public String write(Retrospective r) {
        StringBuilder md = new StringBuilder();
        Overview o = r.overview();
        md.append("# Retrospective across runs\n\n");
        md.append("- **Runs**: ").append(o.runs()).append('\n');
        md.append("- **Events**: ").append(o.events()).append(" (").append(time(o.firstEvent())).append(" to ")
                .append(time(o.lastEvent())).append(")\n");
        md.append("- **Tasks**: ").append(o.tasks()).append('\n');
        md.append("- **Criterion attempts**: ").append(o.attempts()).append(", ").append(o.commandFailures())
                .append(" failed in their commands, ").append(o.checkFailures()).append(" failed their check; ")
                .append(o.verified()).append(" criteria verified\n");
        md.append("- **Flaky criteria**: ").append(o.flaky()).append('\n');
        md.append("- **Traps** (command succeeded, check failed): ").append(o.traps()).append("\n\n");

        section(md, "Runs", List.of("run", "started", "last event", "tasks", "completed", "blocked", "attempts",
                "failures"), r.runs(), x -> List.of(code(x.runId()), time(x.startedAt()), time(x.lastEventAt()),
                n(x.tasks()), n(x.completed()), n(x.blocked()), n(x.attempts()), n(x.failures())));
        section(md, "Most-failing criteria", List.of("task", "criterion", "failures", "command", "check",
                "runs failed / run", "last reason"), r.mostFailingCriteria(), x -> List.of(x.taskId(),
                x.criterion() + ". " + x.text(), n(x.failures()), n(x.commandFailures()), n(x.checkFailures()),
                x.runsFailed() + " / " + x.runs(), x.lastReason()));
        section(md, "Most-failing commands", List.of("command", "failures", "attempts", "criteria", "last reason"),
                r.mostFailingCommands(), x -> List.of(code(x.command()), n(x.failures()), n(x.attempts()),
                        n(x.criteria()), x.lastReason()));
        section(md, "Flaky criteria (failed, then passed)", List.of("task", "criterion", "within a run",
                "across runs", "failures", "runs"), r.flakyCriteria(), x -> List.of(x.taskId(),
                x.criterion() + ". " + x.text(), n(x.withinRun()), n(x.acrossRuns()), n(x.failures()), n(x.runs())));
        section(md, "Mean time to verify by task type", List.of("task type", "criteria verified", "mean", "max"),
                r.timeToVerify(), x -> List.of(x.taskType(), n(x.criteria()), EventText.duration(x.meanMillis()),
                        EventText.duration(x.maxMillis())));
        section(md, "Tasks blocked longest", List.of("task", "blocked", "from", "until", "run", "reason"),
                r.blockedLongest(), x -> List.of(x.taskId(), EventText.duration(x.blockedMillis()),
                        time(x.blockedAt()), x.stillBlocked() ? "still blocked" : time(x.until()), code(x.runId()),
                        x.reason()));
        section(md, "Checks that failed after a successful command", List.of("task", "criterion", "times", "runs",
                "command", "last check failure"), r.traps(), x -> List.of(x.taskId(), x.criterion() + ". " + x.text(),
                n(x.count()), n(x.runs()), code(x.command()), x.lastReason()));
        return md.toString();
    }

    private static <T> void section(StringBuilder md, String title, List<String> header, List<T> rows,
                                    Function<T, List<String>> cells) {
        md.append("## ").append(title).append("\n\n");
        if (rows.isEmpty()) {
            md.append("None.\n\n");
            return;
        }
        md.append("| ").append(String.join(" | ", header)).append(" |\n");
        md.append("|").append("---|".repeat(header.size())).append('\n');
        for (T row : rows) {
            md.append("| ").append(String.join(" | ", cells.apply(row).stream().map(RetroMarkdownWriter::cell)
                    .toList())).append(" |\n");
        }
        md.append('\n');
    }

    private static String cell(String s) {
        if (s == null || s.isBlank()) {
            return "-";
        }
        String one = s.strip().replaceAll("\\s*\\R\\s*", " ").replace("|", "\\|");
        return one.length() > 200 ? one.substring(0, 197) + "..." : one;
    }

    private static String code(String s) {
        return s == null || s.isBlank() ? "-" : "`" + s.replace("`", "'") + "`";
    }

    private static String n(long v) {
        return Long.toString(v);
    }

    private static String time(Instant t) {
        return t == null ? "-" : t.toString();
    }
}
