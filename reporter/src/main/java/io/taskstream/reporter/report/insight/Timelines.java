package io.taskstream.reporter.report.insight;

import io.taskstream.reporter.report.CriterionReport;
import io.taskstream.reporter.report.CriterionResult;
import io.taskstream.reporter.report.TaskReport;
import io.taskstream.reporter.session.AttemptSpan;
import io.taskstream.reporter.session.EventText;
import io.taskstream.reporter.session.RunLedger;
import io.taskstream.reporter.session.TaskLedger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One lane per task: when it waited, ran and ended, and each criterion's attempts in a few characters. */
final class Timelines {
    private Timelines() {
    }

    static List<TaskTimeline> of(RunLedger run, List<TaskReport> tasks) {
        List<TaskTimeline> out = new ArrayList<>();
        for (TaskReport t : tasks) {
            TaskLedger l = run.task(t.id()).orElse(null);
            if (l == null) {
                continue;
            }
            out.add(new TaskTimeline(t.id(), l.waitingSince(), l.readyAt(), l.endedAt(), t.status().label(),
                    l.waitingOn() == null ? List.of() : l.waitingOn(), line(t, l)));
        }
        return out;
    }

    private static String line(TaskReport t, TaskLedger l) {
        StringBuilder s = new StringBuilder(t.id());
        if (l.readyAt() == null) {
            if (l.waitingSince() != null) {
                s.append(" waiting since ").append(EventText.clock(l.waitingSince())).append(" on ")
                        .append(String.join(", ", t.waitingOn())).append(": not started");
            } else {
                s.append(" ").append(EventText.clock(l.endedAt())).append(": ").append(t.status().label().toLowerCase());
            }
            return s.toString();
        }
        if (l.waitingSince() != null) {
            s.append(" waited ").append(EventText.duration(Duration.between(l.waitingSince(), l.readyAt()).toMillis()))
                    .append(" on ").append(String.join(", ", l.waitingOn())).append(",");
        }
        s.append(" ").append(EventText.clock(l.readyAt())).append(" → ")
                .append(l.endedAt() == null ? "…" : EventText.clock(l.endedAt())).append(": ");
        List<String> parts = new ArrayList<>();
        for (CriterionReport c : t.criteria()) {
            parts.add("#" + c.number() + " " + criterion(c));
        }
        s.append(parts.isEmpty() ? "no criteria" : String.join(", ", parts));
        return s.toString();
    }

    /** {@code ✓ 60.0 s}, {@code ✗✗ 230 ms (retry, ran but check failed)}, {@code skipped (needs a person)}. */
    static String criterion(CriterionReport c) {
        CriterionResult r = c.result();
        switch (r) {
            case ALREADY_DONE:
                return "already done";
            case NOT_RUN:
                return "not run";
            case PLANNED:
                return "planned" + (c.detail() == null ? "" : " (" + c.detail().replaceFirst("^dry run: ", "") + ")");
            case SKIPPED:
                return "skipped" + (c.skipReason() == null ? "" : " (" + skipWords(c.skipReason()) + ")");
            default:
                break;
        }
        StringBuilder marks = new StringBuilder();
        for (AttemptSpan a : c.spans()) {
            marks.append(switch (a.outcome()) {
                case VERIFIED -> "✓";
                case FAILED, CHECK_FAILED -> "✗";
                case RAN -> r == CriterionResult.UNVERIFIABLE ? "?" : "…";
                case RUNNING -> "…";
            });
        }
        List<String> notes = new ArrayList<>();
        if (c.retries() > 0) notes.add(c.retries() == 1 ? "retry" : c.retries() + " retries");
        if (c.ranButEffectAbsent()) notes.add("ran, check failed");
        if (r == CriterionResult.UNVERIFIABLE) notes.add("unverifiable");
        if (r == CriterionResult.RETRY_PENDING) notes.add("retry pending");
        return (marks.length() == 0 ? r.label() : marks.toString()) + " " + EventText.duration(c.durationMillis())
                + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")");
    }

    static String skipWords(String reason) {
        return switch (reason) {
            case "needs_human" -> "needs a person";
            case "need_failed" -> "a criterion it needs failed";
            case "filtered" -> "filtered out";
            case "unavailable" -> "unavailable here";
            default -> reason.replace('_', ' ');
        };
    }
}
