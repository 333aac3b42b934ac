package io.taskstream.reporter.retro;

import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;

import java.util.HashMap;
import java.util.Map;

/**
 * Folds events of any number of runs into what a {@link Retrospective} needs, keeping counters rather than the
 * events. Each task's events must arrive in log order (one partition keeps them); events of different tasks may
 * interleave in any order. An event whose id was seen before is ignored. Not thread-safe: one thread folds.
 */
public final class RetroFold {
    private final LongSet seen = new LongSet();
    final Map<String, RunFacts> runs = new HashMap<>();
    /** Per task id, across runs: its open or longest block. */
    final Map<String, BlockFacts> blocks = new HashMap<>();
    long events;
    long firstEvent = Long.MAX_VALUE;
    long lastEvent = Long.MIN_VALUE;

    /** @return false for a duplicate */
    public boolean apply(Envelope<? extends EventData> e) {
        if (!seen.add(LongSet.hash(e.id()))) {
            return false;
        }
        events++;
        long t = e.time().toEpochMilli();
        firstEvent = Math.min(firstEvent, t);
        lastEvent = Math.max(lastEvent, t);
        RunFacts run = runs.get(e.runId());
        if (run == null) {
            run = new RunFacts(e.runId());
            runs.put(e.runId(), run);
        }
        run.firstEvent = Math.min(run.firstEvent, t);
        run.lastEvent = Math.max(run.lastEvent, t);
        EventData d = e.data();
        if (d instanceof ScanRequested) {
            run.requestedAt = t;
        } else if (d instanceof ScanCompleted || d instanceof TaskInvalid) {
            return true;
        } else {
            task(run, e.subject(), d, t);
        }
        return true;
    }

    private void task(RunFacts run, String taskId, EventData d, long t) {
        RunFacts.TaskFacts task = run.task(taskId);
        if (d instanceof CriterionStarted s) {
            RunFacts.CriterionFacts c = task.criterion(s.criterion(), s.text());
            c.attempts++;
            if (c.firstStart == Long.MIN_VALUE) {
                c.firstStart = t;
            }
            c.commands = s.commands();
        } else if (d instanceof CriterionCompleted done) {
            if (done.exitCode() == 0 && !done.dryRun()) {
                task.criterion(done.criterion(), done.text()).succeededAttempt = done.attempt();
            }
        } else if (d instanceof CriterionFailed f) {
            if (f.cause() != FailureCause.VERIFICATION_FAILED) { // the check's failure was counted when it failed
                RunFacts.CriterionFacts c = task.criterion(f.criterion(), f.text());
                c.commandFailures++;
                c.lastReason = f.reason();
            }
        } else if (d instanceof VerificationFailed v) {
            if (!v.unverifiable()) {
                RunFacts.CriterionFacts c = task.criterion(v.criterion(), v.text());
                c.checkFailures++;
                c.lastReason = v.reason();
                if (c.succeededAttempt == v.attempt()) {
                    c.traps++;
                    c.lastTrapReason = v.reason();
                }
            }
        } else if (d instanceof CriterionVerified v) {
            RunFacts.CriterionFacts c = task.criterion(v.criterion(), v.text());
            if (!c.verified) {
                c.verified = true;
                c.verifiedAt = t;
            }
        } else if (d instanceof TaskReady r) {
            task.taskType = r.task().taskType();
            unblock(taskId, run.runId, t);
        } else if (d instanceof TaskWaiting w) {
            task.taskType = w.task().taskType();
            unblock(taskId, run.runId, t);
        } else if (d instanceof TaskCompleted) {
            task.completed = true;
            unblock(taskId, run.runId, t);
        } else if (d instanceof TaskWithdrawn) {
            unblock(taskId, run.runId, t);
        } else if (d instanceof TaskBlocked b) {
            task.blocked = true;
            BlockFacts block = blocks.computeIfAbsent(taskId, BlockFacts::new);
            block.blocked(run.runId, t, b.reason());
        }
    }

    private void unblock(String taskId, String runId, long t) {
        BlockFacts block = blocks.get(taskId);
        if (block != null) {
            block.cleared(runId, t);
        }
    }

    /** The retrospective of what was folded so far, each list holding at most {@code limit} rows. */
    public Retrospective retrospective(int limit) {
        return new RetroSummary(this, limit).build();
    }

    /** A task's blocks across runs: the one open now, and the longest closed one. */
    static final class BlockFacts {
        final String taskId;
        String openRun;
        long openSince;
        String openReason;
        String longestRun;
        long longestSince;
        long longestUntil;
        String longestReason;

        BlockFacts(String taskId) {
            this.taskId = taskId;
        }

        void blocked(String runId, long t, String reason) {
            if (openRun == null) {
                openRun = runId;
                openSince = t;
                openReason = reason;
            }
        }

        /** The task appeared again: a block of an earlier run ends (one of this run cannot have started yet). */
        void cleared(String runId, long t) {
            if (openRun == null || openRun.equals(runId)) {
                return;
            }
            if (longestRun == null || t - openSince > longestUntil - longestSince) {
                longestRun = openRun;
                longestSince = openSince;
                longestUntil = t;
                longestReason = openReason;
            }
            openRun = null;
        }
    }
}
