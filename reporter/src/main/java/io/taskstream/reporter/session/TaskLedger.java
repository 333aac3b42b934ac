package io.taskstream.reporter.session;

import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.runtime.progress.TaskRun;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One task in one run: the snapshot the scanner read, whether it waited and on what, its {@link TaskRun}
 * once ready, per-criterion numbers and its outcome (completed, blocked, withdrawn, or planned in a dry run).
 */
public final class TaskLedger {
    private final String runId;
    private final String taskId;
    private final Map<Integer, CriterionStats> stats = new TreeMap<>();
    private TaskSnapshot snapshot;
    private List<String> waitingOn;
    private Instant waitingSince;
    private TaskRun run;
    private Instant readyAt;
    private TaskCompleted completed;
    private TaskBlocked blocked;
    private TaskWithdrawn withdrawn;
    private TaskPlanned planned;
    private Instant endedAt;

    TaskLedger(String runId, String taskId) {
        this.runId = runId;
        this.taskId = taskId;
    }

    /** @return whether the event changed this task's state */
    boolean apply(Envelope<? extends EventData> e, long offset) {
        EventData d = e.data();
        if (d instanceof TaskReady r) {
            if (run != null) {
                return false;
            }
            snapshot = r.task();
            run = new TaskRun(runId, r, offset);
            readyAt = e.time();
            return true;
        }
        if (d instanceof TaskWaiting w) {
            if (run != null) {
                return false;
            }
            snapshot = w.task();
            waitingOn = w.waitingOn();
            waitingSince = e.time();
            return true;
        }
        boolean changed = run != null && run.apply(e);
        if (d instanceof TaskCompleted c && !terminal()) {
            completed = c;
            endedAt = e.time();
            return true;
        }
        if (d instanceof TaskBlocked b && !terminal()) {
            blocked = b;
            endedAt = e.time();
            return true;
        }
        if (d instanceof TaskWithdrawn w && !terminal()) {
            withdrawn = w;
            endedAt = e.time();
            return true;
        }
        if (d instanceof TaskPlanned p && !terminal()) {
            planned = p; // a dry run's answer: nothing ran, nothing was recorded
            endedAt = e.time();
            return true;
        }
        if (changed) {
            Integer criterion = criterionOf(d);
            if (criterion != null) {
                stats.computeIfAbsent(criterion, CriterionStats::new).apply(d, e.time());
            }
        }
        return changed;
    }

    private static Integer criterionOf(EventData d) {
        if (d instanceof CriterionStarted x) return x.criterion();
        if (d instanceof CriterionCompleted x) return x.criterion();
        if (d instanceof CriterionFailed x) return x.criterion();
        if (d instanceof CriterionSkipped x) return x.criterion();
        if (d instanceof CriterionRetry x) return x.criterion();
        if (d instanceof CriterionVerified x) return x.criterion();
        if (d instanceof VerificationFailed x) return x.criterion();
        return null;
    }

    public String taskId() {
        return taskId;
    }

    /**
     * The task as last read by the scanner; {@code null} when no ready or waiting event was seen (a task an
     * incremental scan found withdrawn has none).
     */
    public TaskSnapshot snapshot() {
        return snapshot;
    }

    /** The unmet dependencies it was held back for; {@code null} when it never waited. */
    public List<String> waitingOn() {
        return waitingOn;
    }

    public Instant waitingSince() {
        return waitingSince;
    }

    /** The shared fold of the task's criterion events; {@code null} until the task is ready. */
    public TaskRun run() {
        return run;
    }

    public Instant readyAt() {
        return readyAt;
    }

    /** The completion; {@code null} unless the task completed. */
    public TaskCompleted completed() {
        return completed;
    }

    /** The block; {@code null} unless the task was blocked. */
    public TaskBlocked blocked() {
        return blocked;
    }

    /**
     * The withdrawal; {@code null} unless the task was withdrawn: found deleted or archived by hand by an
     * incremental scan (then it may have no other event in the run), or refused by an executor because another
     * run already works on it (then it was ready first).
     */
    public TaskWithdrawn withdrawn() {
        return withdrawn;
    }

    /**
     * The executor's plan; {@code null} unless the run was a dry run and the task was planned (then it ran
     * nothing and nothing was recorded: the plan is all the run will do with it).
     */
    public TaskPlanned planned() {
        return planned;
    }

    /** When it completed, was blocked, was withdrawn or was planned. */
    public Instant endedAt() {
        return endedAt;
    }

    /** Completed, blocked, withdrawn or planned (dry run): nothing more will happen to it in this run. */
    public boolean terminal() {
        return completed != null || blocked != null || withdrawn != null || planned != null;
    }

    /** Ready at some point in the run (its criteria were up for execution). */
    public boolean processed() {
        return run != null;
    }

    /** Numbers of the given criterion; empty numbers when nothing ran. */
    public CriterionStats stats(int criterion) {
        return stats.getOrDefault(criterion, new CriterionStats(criterion));
    }
}
