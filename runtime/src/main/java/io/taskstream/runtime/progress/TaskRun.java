package io.taskstream.runtime.progress;

import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One task's progress in one run, folded from the event log. Executor, verifier and reporter fold the same
 * events the same way, so they agree on what is done; applying an event twice changes nothing. Safe to share
 * between the thread that folds the log and the one that acts on the run.
 */
public final class TaskRun {
    private final String runId;
    private final TaskReady ready;
    private final long readyOffset;
    private final Map<Integer, CriterionProgress> criteria = new LinkedHashMap<>();
    private final Set<String> seen = new HashSet<>();
    private boolean closed;

    public TaskRun(String runId, TaskReady ready, long readyOffset) {
        this.runId = runId;
        this.ready = ready;
        this.readyOffset = readyOffset;
        for (CriterionSpec c : ready.task().criteria()) {
            Phase phase = c.checked() ? Phase.ALREADY_DONE
                    : ready.options().selects(c.number()) ? Phase.PENDING : Phase.SKIPPED;
            criteria.put(c.number(), new CriterionProgress(c, phase, 1, null, phase == Phase.SKIPPED ? "filtered out" : null,
                    Map.of(), List.of()));
        }
    }

    public String runId() {
        return runId;
    }

    public String taskId() {
        return ready.task().id();
    }

    public TaskReady ready() {
        return ready;
    }

    public long readyOffset() {
        return readyOffset;
    }

    public synchronized boolean closed() {
        return closed;
    }

    public synchronized List<CriterionProgress> criteria() {
        return List.copyOf(criteria.values());
    }

    public synchronized CriterionProgress criterion(int number) {
        return criteria.get(number);
    }

    /** @return whether the event changed anything (false for duplicates, stale attempts and other runs' events) */
    public synchronized boolean apply(Envelope<? extends EventData> event) {
        if (!event.runId().equals(runId) || !event.subject().equals(taskId()) || !seen.add(event.id())) {
            return false;
        }
        EventData d = event.data();
        if (d instanceof CriterionStarted s) {
            boolean moved = move(s.criterion(), s.attempt(), Phase.RUNNING, null, Phase.PENDING, Phase.RUNNING);
            if (moved) {
                criteria.computeIfPresent(s.criterion(), (n, p) -> p.startedAs(s.attemptId()));
            }
            return moved;
        } else if (d instanceof CriterionCompleted c) {
            boolean moved = move(c.criterion(), c.attempt(), Phase.AWAITING_VERIFICATION, null,
                    Phase.PENDING, Phase.RUNNING);
            if (moved) {
                criteria.computeIfPresent(c.criterion(), (n, p) -> p.completedWith(c.attemptId(), c.facts(), c.changedFiles()));
            }
            return moved;
        } else if (d instanceof CriterionFailed f) {
            return move(f.criterion(), f.attempt(), f.isFinal() ? Phase.FAILED : Phase.RETRY_WAIT, f.reason(),
                    Phase.PENDING, Phase.RUNNING, Phase.AWAITING_VERIFICATION, Phase.VERIFICATION_FAILED);
        } else if (d instanceof CriterionRetry r) {
            return retry(r);
        } else if (d instanceof CriterionSkipped s) {
            return move(s.criterion(), current(s.criterion()), Phase.SKIPPED, s.detail(), Phase.PENDING, Phase.RUNNING);
        } else if (d instanceof CriterionVerified v) {
            return move(v.criterion(), v.attempt(), Phase.VERIFIED, null,
                    Phase.AWAITING_VERIFICATION, Phase.RUNNING, Phase.PENDING);
        } else if (d instanceof VerificationFailed v) {
            return move(v.criterion(), v.attempt(), v.unverifiable() ? Phase.UNVERIFIABLE : Phase.VERIFICATION_FAILED,
                    v.reason(), Phase.AWAITING_VERIFICATION);
        } else if (d instanceof TaskCompleted || d instanceof TaskBlocked || d instanceof TaskWithdrawn
                || d instanceof TaskPlanned) {
            return close();
        }
        return false;
    }

    private boolean close() {
        boolean was = closed;
        closed = true;
        return !was;
    }

    private int current(int number) {
        CriterionProgress p = criteria.get(number);
        return p == null ? 0 : p.attempt();
    }

    private boolean retry(CriterionRetry r) {
        CriterionProgress p = criteria.get(r.criterion());
        if (p == null || p.phase() != Phase.RETRY_WAIT || r.attempt() != p.attempt() + 1) {
            return false;
        }
        criteria.put(r.criterion(), p.to(Phase.PENDING, r.attempt(), null));
        return true;
    }

    private boolean move(int number, int attempt, Phase next, String why, Phase... from) {
        CriterionProgress p = criteria.get(number);
        if (p == null || attempt != p.attempt() || !List.of(from).contains(p.phase())) {
            return false;
        }
        criteria.put(number, p.to(next, attempt, why));
        return true;
    }

    /** @return what each of the given criteria's last completed attempt established, by criterion number */
    public synchronized Map<Integer, Map<String, String>> factsOf(List<Integer> numbers) {
        Map<Integer, Map<String, String>> out = new LinkedHashMap<>();
        numbers.forEach(n -> {
            CriterionProgress p = criteria.get(n);
            out.put(n, p == null ? Map.of() : p.facts());
        });
        return out;
    }

    /** Pending criteria whose needs are all done, in listed order. */
    public synchronized List<CriterionProgress> runnable() {
        return criteria.values().stream()
                .filter(p -> p.phase() == Phase.PENDING && p.spec().needs().stream().allMatch(this::needDone))
                .toList();
    }

    /** Pending criteria one of whose needs ended without being done: they can never run. */
    public synchronized List<CriterionProgress> blockedByNeeds() {
        return criteria.values().stream()
                .filter(p -> p.phase() == Phase.PENDING && p.spec().needs().stream().anyMatch(this::needLost))
                .toList();
    }

    public synchronized List<CriterionProgress> inPhase(Phase phase) {
        return criteria.values().stream().filter(p -> p.phase() == phase).toList();
    }

    /** Nothing more will happen to any criterion. */
    public synchronized boolean settled() {
        return criteria.values().stream().allMatch(p -> p.phase().terminal());
    }

    /** Every criterion's box is or will be checked (and there is at least one). */
    public synchronized boolean allDone() {
        return !criteria.isEmpty() && criteria.values().stream().allMatch(p -> p.phase().done());
    }

    /** One line per criterion that keeps the task from completing. */
    public synchronized List<String> blockers() {
        List<String> lines = new ArrayList<>();
        if (criteria.isEmpty()) {
            lines.add("the task has no acceptance criteria");
        }
        for (CriterionProgress p : criteria.values()) {
            if (!p.phase().done()) {
                lines.add("criterion " + p.spec().number() + " (" + p.spec().text() + "): "
                        + p.phase().name().toLowerCase().replace('_', ' ')
                        + (p.detail() == null ? "" : ": " + p.detail()));
            }
        }
        return lines;
    }

    /**
     * Not done only because the run's options left things out: criteria outside its criteria filter, and
     * criteria that ran unverified because it skipped verification. Such a run ends without blocking the task.
     */
    public synchronized boolean onlyLeftOutByOptions() {
        return !criteria.isEmpty() && criteria.values().stream().filter(p -> !p.phase().done()).allMatch(p ->
                (p.phase() == Phase.SKIPPED && !ready.options().selects(p.spec().number()))
                        || (p.phase() == Phase.UNVERIFIABLE && ready.options().skipVerification()))
                && criteria.values().stream().anyMatch(p -> !p.phase().done());
    }

    /** Blocked only on things a person must do, not on failures. */
    public synchronized boolean needsHuman() {
        return criteria.isEmpty() || criteria.values().stream()
                .filter(p -> !p.phase().done())
                .allMatch(p -> p.phase() == Phase.UNVERIFIABLE
                        || (p.phase() == Phase.SKIPPED && !p.spec().executable()));
    }

    private boolean needDone(int need) {
        CriterionProgress p = criteria.get(need);
        return p != null && p.phase().done();
    }

    private boolean needLost(int need) {
        CriterionProgress p = criteria.get(need);
        return p == null || (p.phase().terminal() && !p.phase().done());
    }
}
