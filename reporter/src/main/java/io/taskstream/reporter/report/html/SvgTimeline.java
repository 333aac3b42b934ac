package io.taskstream.reporter.report.html;

import io.taskstream.reporter.report.CriterionReport;
import io.taskstream.reporter.report.SessionReport;
import io.taskstream.reporter.report.TaskReport;
import io.taskstream.reporter.report.insight.TaskTimeline;
import io.taskstream.reporter.session.AttemptSpan;
import io.taskstream.reporter.session.EventText;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The run as an inline SVG chart: one lane ({@code <g class="lane">}) per task, each attempt at a criterion a bar
 * coloured by its outcome, waits on dependencies and for retries as bars of their own, skipped criteria as marks
 * where the task ended.
 */
final class SvgTimeline {
    static final int WIDTH = 1200;
    private static final int LABEL = 150;
    private static final int RIGHT = 20;
    private static final int LANE = 34;
    private static final int BAR = 18;
    private static final int MIN_BAR = 12;
    private static final int TOP = 30;

    private SvgTimeline() {
    }

    static String of(SessionReport r) {
        var lanes = r.insights().lanes();
        Instant start = r.summary().startedAt();
        Instant end = r.summary().endedAt();
        if (start == null || end == null || lanes.isEmpty()) {
            return "<p>No events to draw.</p>\n";
        }
        long span = Math.max(1, Duration.between(start, end).toMillis());
        int height = TOP + lanes.size() * LANE + 40;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"timeline\">\n");
        s.append(text(LABEL, 16, EventText.clock(start), "start"))
                .append(text(WIDTH - RIGHT, 16, EventText.clock(end), "end"));
        Scale x = new Scale(start, span);
        for (int i = 0; i < lanes.size(); i++) {
            TaskTimeline lane = lanes.get(i);
            TaskReport task = r.tasks().stream().filter(t -> t.id().equals(lane.task())).findFirst().orElse(null);
            int y = TOP + i * LANE;
            s.append("<g class=\"lane\" data-task=\"").append(Html.esc(lane.task())).append("\">\n");
            s.append("<title>").append(Html.esc(lane.line())).append("</title>\n");
            s.append(text(8, y + 14, lane.task(), "start"));
            s.append("<line x1=\"").append(LABEL).append("\" y1=\"").append(y + BAR + 4).append("\" x2=\"")
                    .append(WIDTH - RIGHT).append("\" y2=\"").append(y + BAR + 4).append("\" stroke=\"#e0e0e0\"/>\n");
            if (lane.waitingSince() != null) {
                Instant until = lane.start() != null ? lane.start() : end;
                s.append(bar(x, lane.waitingSince(), until, y, BAR, Palette.WAITING, "waiting on "
                        + String.join(", ", lane.waitingOn())));
            }
            if (task != null) {
                Instant skipAt = lane.end() != null ? lane.end() : end;
                int skipped = 0;
                for (CriterionReport c : task.criteria()) {
                    s.append(criterion(x, c, y, skipAt, skipped));
                    if (c.spans().isEmpty() && c.result().name().equals("SKIPPED")) {
                        skipped++;
                    }
                }
            }
            s.append("</g>\n");
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static String criterion(Scale x, CriterionReport c, int y, Instant skipAt, int skippedBefore) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < c.spans().size(); i++) {
            AttemptSpan a = c.spans().get(i);
            Palette colour = switch (a.outcome()) {
                case VERIFIED -> Palette.VERIFIED;
                case FAILED -> Palette.FAILED;
                case CHECK_FAILED -> Palette.CHECK_FAILED;
                case RAN, RUNNING -> Palette.UNCHECKED;
            };
            s.append(bar(x, a.start(), a.end(), y, BAR, colour, "#" + c.number() + " attempt " + a.attempt() + ": "
                    + colour.label()));
            if (a.retryAt() != null) {
                Instant next = i + 1 < c.spans().size() ? c.spans().get(i + 1).start() : a.retryAt();
                s.append(bar(x, a.end(), next, y + BAR / 2 - 2, 4, Palette.RETRY_WAIT, "#" + c.number()
                        + " waits for its retry"));
            }
        }
        if (c.spans().isEmpty() && c.result().name().equals("SKIPPED")) {
            Palette colour = "needs_human".equals(c.skipReason()) ? Palette.NEEDS_PERSON : Palette.SKIPPED;
            Instant at = c.skippedAt() != null ? c.skippedAt() : skipAt;
            int px = x.at(at) + skippedBefore * (MIN_BAR + 2);
            s.append(rect(px, y, MIN_BAR, BAR, colour, "#" + c.number() + " " + colour.label()));
        }
        return s.toString();
    }

    private static String bar(Scale x, Instant from, Instant to, int y, int h, Palette colour, String title) {
        int x0 = x.at(from);
        int w = Math.max(MIN_BAR, x.at(to) - x0);
        return rect(x0, y, w, h, colour, title);
    }

    private static String rect(int x, int y, int w, int h, Palette colour, String title) {
        return String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
                        + "<title>%s</title></rect>\n", colour.name().toLowerCase(Locale.ROOT), x, y, w, h,
                colour.hex(), Html.esc(title));
    }

    private static String text(int x, int y, String t, String anchor) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\" font-size=\"12\">"
                + Html.esc(t) + "</text>\n";
    }

    /** Time to x pixels; the last {@code MIN_BAR} pixels are kept free so a bar at the end still fits. */
    private record Scale(Instant start, long spanMillis) {
        int at(Instant t) {
            long ms = Math.max(0, Math.min(spanMillis, Duration.between(start, t).toMillis()));
            int usable = WIDTH - LABEL - RIGHT - 3 * MIN_BAR;
            return LABEL + (int) (usable * ms / spanMillis);
        }
    }
}
