package io.taskstream.reporter.status;

import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.reporter.session.RunLedger;
import io.taskstream.reporter.session.SessionLedger;
import io.taskstream.reporter.session.TaskLedger;
import io.taskstream.reporter.session.TimelineEntry;
import io.taskstream.runtime.progress.CriterionProgress;
import io.taskstream.runtime.progress.Phase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the status page shows, computed from the reporter's live fold: the runs (newest first, with their HTML
 * report once written), the tasks of the current runs by state, and their last events.
 *
 * <p>The current runs are the newest run and every unfinished run among the {@value #RECENT_RUNS} newest. A
 * task's {@code state} is {@code queued} (ready, no criterion started yet), {@code waiting} (on dependencies;
 * {@code heldBack} when one will never complete), {@code running} (with its current criterion), {@code completed},
 * {@code blocked} (with the reason), {@code withdrawn} or {@code planned}.
 */
public final class StatusSnapshot {
    /** Runs in the snapshot's run list. */
    static final int MAX_RUNS = 20;
    static final int RECENT_RUNS = 5;
    /** Events in the snapshot: the newest of the current runs. */
    static final int MAX_EVENTS = 40;

    private StatusSnapshot() {
    }

    /**
     * @param reports the HTML report file name of each run whose report was written
     */
    public static JsonObject of(SessionLedger ledger, Map<String, String> reports, Instant now) {
        List<RunLedger> runs = new ArrayList<>();
        ledger.runIds().forEach(id -> ledger.run(id).ifPresent(runs::add));
        // Newest first: by request time where known, else by the order the log was read in.
        List<RunLedger> newest = new ArrayList<>(runs);
        java.util.Collections.reverse(newest);
        newest.sort(Comparator.comparing((RunLedger r) -> r.requestedAt() == null ? Instant.MIN : r.requestedAt())
                .reversed());

        JsonArray runList = new JsonArray();
        newest.stream().limit(MAX_RUNS).forEach(r -> runList.add(run(r, reports.get(r.runId()))));

        Set<RunLedger> current = new LinkedHashSet<>();
        for (int i = 0; i < Math.min(RECENT_RUNS, newest.size()); i++) {
            if (i == 0 || !newest.get(i).finished()) {
                current.add(newest.get(i));
            }
        }
        JsonArray tasks = new JsonArray();
        List<TimelineEntry> events = new ArrayList<>();
        for (RunLedger r : current) {
            for (TaskLedger t : r.tasks()) {
                JsonObject task = task(r, t);
                if (task != null) {
                    tasks.add(task);
                }
            }
            events.addAll(r.timeline());
        }
        events.sort(Comparator.comparing(TimelineEntry::time));
        JsonArray eventList = new JsonArray();
        events.subList(Math.max(0, events.size() - MAX_EVENTS), events.size()).forEach(e -> eventList.add(
                new JsonObject().put("time", e.time().toString()).put("task", e.task()).put("event", e.event())
                        .put("text", e.text())));
        return new JsonObject().put("updated", now.toString()).put("runs", runList).put("tasks", tasks)
                .put("events", eventList);
    }

    private static JsonObject run(RunLedger r, String report) {
        JsonObject run = new JsonObject().put("runId", r.runId()).put("finished", r.finished())
                .put("requestedAt", r.requestedAt() == null ? null : r.requestedAt().toString())
                .put("trigger", r.request() == null ? null : r.request().trigger())
                .put("tasks", r.population().size())
                .put("completed", r.tasks().stream().filter(t -> t.completed() != null).count())
                .put("blocked", r.tasks().stream().filter(t -> t.blocked() != null).count());
        return report == null ? run : run.put("report", "reports/" + report);
    }

    /** The task's row; null for a task the run does not list (an event about it arrived before the scan's). */
    private static JsonObject task(RunLedger r, TaskLedger t) {
        TaskSnapshot snap = t.snapshot();
        JsonObject row = new JsonObject().put("runId", r.runId()).put("task", t.taskId())
                .put("title", snap == null ? null : snap.title());
        if (t.completed() != null) {
            return row.put("state", "completed");
        }
        if (t.blocked() != null) {
            return row.put("state", "blocked").put("reason", t.blocked().reason())
                    .put("needsHuman", t.blocked().needsHuman());
        }
        if (t.withdrawn() != null) {
            return row.put("state", "withdrawn").put("reason", t.withdrawn().reason());
        }
        if (t.planned() != null) {
            return row.put("state", "planned");
        }
        if (t.run() != null) {
            List<CriterionProgress> criteria = t.run().criteria();
            boolean started = criteria.stream().anyMatch(c -> c.attemptId() != null || c.attempt() > 1
                    || (c.phase() != Phase.PENDING && c.phase() != Phase.ALREADY_DONE && c.phase() != Phase.SKIPPED));
            if (!started) {
                return row.put("state", "queued").put("position", t.run().ready().queuePosition());
            }
            CriterionProgress now = criteria.stream().filter(c -> !c.phase().terminal()).findFirst()
                    .orElse(criteria.get(criteria.size() - 1));
            return row.put("state", "running").put("criterion", new JsonObject().put("number", now.spec().number())
                    .put("text", now.spec().text()).put("phase", now.phase().name().toLowerCase())
                    .put("attempt", now.attempt()));
        }
        if (t.waitingOn() != null) {
            return row.put("state", "waiting").put("waitingOn", new JsonArray(t.waitingOn()))
                    .put("heldBack", r.heldBack(t.taskId()));
        }
        return null;
    }
}
