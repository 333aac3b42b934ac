package io.taskstream.reporter.session;

import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The short text a timeline shows for an event. */
public final class EventText {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int MAX_REASON = 160;

    private EventText() {
    }

    /**
     * What the event says, in a few words: the timeline of a report and the CLI's progress lines show it. Every
     * event type has its own text (the switch has no default, so a new type does not compile without one).
     */
    public static String describe(Envelope<? extends EventData> event) {
        EventData d = event.data();
        return switch (event.eventType()) {
            case SCAN_REQUESTED -> scanRequested((ScanRequested) d);
            case SCAN_COMPLETED -> scanCompleted((ScanCompleted) d);
            case TASK_READY -> {
                TaskReady r = (TaskReady) d;
                int n = r.task().criteria().size();
                yield "ready (#" + r.queuePosition() + " in queue, " + n + (n == 1 ? " criterion)" : " criteria)");
            }
            case TASK_WAITING -> "waiting on " + String.join(", ", ((TaskWaiting) d).waitingOn());
            case TASK_INVALID -> {
                TaskInvalid i = (TaskInvalid) d;
                yield "invalid: " + i.path() + (i.line() > 0 ? ":" + i.line() : "") + ": " + cap(i.problem());
            }
            case CRITERION_STARTED -> {
                CriterionStarted s = (CriterionStarted) d;
                yield "criterion " + s.criterion() + " started (attempt " + s.attempt() + ")"
                        + (s.dryRun() ? " (dry run)" : "") + (blank(s.text()) ? "" : ": " + cap(s.text()));
            }
            case CRITERION_COMPLETED -> {
                CriterionCompleted c = (CriterionCompleted) d;
                yield "criterion " + c.criterion() + " ran in " + duration(c.durationMillis())
                        + " (attempt " + c.attempt() + ")";
            }
            case CRITERION_FAILED -> criterionFailed((CriterionFailed) d);
            case CRITERION_SKIPPED -> {
                CriterionSkipped s = (CriterionSkipped) d;
                yield "criterion " + s.criterion() + " skipped (" + s.reason().name().toLowerCase().replace('_', ' ')
                        + ")" + (blank(s.detail()) ? "" : ": " + cap(s.detail()));
            }
            case CRITERION_RETRY -> {
                CriterionRetry r = (CriterionRetry) d;
                yield "criterion " + r.criterion() + " retry due (attempt " + r.attempt() + ")";
            }
            case CRITERION_VERIFIED -> {
                CriterionVerified v = (CriterionVerified) d;
                yield "criterion " + v.criterion() + " verified, recorded in " + shortSha(v.commit());
            }
            case VERIFICATION_FAILED -> {
                VerificationFailed v = (VerificationFailed) d;
                yield "criterion " + v.criterion()
                        + (v.unverifiable() ? " cannot be verified: " : " failed verification: ") + cap(v.reason());
            }
            case TASK_COMPLETED -> {
                TaskCompleted c = (TaskCompleted) d;
                yield "completed, archived to " + c.archivedPath() + " in " + shortSha(c.commit());
            }
            case TASK_BLOCKED -> {
                TaskBlocked b = (TaskBlocked) d;
                yield "blocked" + (b.needsHuman() ? " (needs a person)" : "") + ": " + cap(b.reason());
            }
            case TASK_WITHDRAWN -> {
                TaskWithdrawn w = (TaskWithdrawn) d;
                yield "withdrawn: " + cap(w.reason()) + (blank(w.path()) ? "" : " (" + w.path() + ")");
            }
            case TASK_PLANNED -> planned((TaskPlanned) d);
        };
    }

    private static String scanRequested(ScanRequested r) {
        return "scan requested by " + blankAs(r.trigger(), "unknown") + (r.full() ? " (full rescan)" : "")
                + (r.options() != null && r.options().dryRun() ? " (dry run)" : "");
    }

    private static String scanCompleted(ScanCompleted c) {
        return "scan completed at " + shortSha(c.commit())
                + (c.incremental() ? " (incremental since " + shortSha(c.previousCommit()) + ")" : "")
                + ": " + c.ready().size() + " ready, "
                + c.waiting().size() + " waiting, " + c.invalid().size() + " invalid, "
                + c.completed().size() + " already completed"
                + (c.blocked().isEmpty() ? "" : ", " + c.blocked().size() + " blocked in their files")
                + (c.withdrawn().isEmpty() ? "" : ", " + c.withdrawn().size() + " withdrawn");
    }

    private static String criterionFailed(CriterionFailed f) {
        return "criterion " + f.criterion() + " failed (attempt " + f.attempt() + ", "
                + f.cause().name().toLowerCase().replace('_', ' ')
                + (f.exitCode() >= 0 ? ", exit " + f.exitCode() : "") + "): " + cap(f.reason())
                + (f.isFinal() ? "; no retry left" : "; retry at " + clock(f.retryAt()));
    }

    /** {@code planned: 2 criteria would run (1 already done, 1 filtered out)}. */
    private static String planned(TaskPlanned p) {
        long run = count(p, "run");
        List<String> others = new ArrayList<>();
        long done = count(p, "already-done");
        long filtered = count(p, "filtered");
        long human = count(p, "needs-human");
        long other = p.criteria().size() - run - done - filtered - human;
        if (done > 0) others.add(done + " already done");
        if (filtered > 0) others.add(filtered + " filtered out");
        if (human > 0) others.add(human + (human == 1 ? " needs" : " need") + " a person");
        if (other > 0) others.add(other + " otherwise planned");
        return "planned: " + run + (run == 1 ? " criterion" : " criteria") + " would run"
                + (others.isEmpty() ? "" : " (" + String.join(", ", others) + ")");
    }

    private static long count(TaskPlanned p, String plan) {
        return p.criteria().stream().filter(c -> plan.equals(c.plan())).count();
    }

    /** The first 7 characters of a commit id, as git shows it. */
    public static String shortSha(String sha) {
        if (sha == null || sha.isBlank()) {
            return "(no commit)";
        }
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    /** {@code 850 ms}, {@code 4.1 s}, {@code 3 min 58 s}, {@code 1 h 2 min}. */
    public static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long s = millis / 1000;
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    /** {@code HH:mm:ss} in UTC. */
    public static String clock(Instant t) {
        return t == null ? "-" : CLOCK.format(t);
    }

    private static String cap(String s) {
        if (s == null) {
            return "";
        }
        String one = s.strip().replaceAll("\\s*\\R\\s*", " / ");
        return one.length() > MAX_REASON ? one.substring(0, MAX_REASON - 3) + "..." : one;
    }

    private static String blankAs(String s, String otherwise) {
        return blank(s) ? otherwise : s;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
