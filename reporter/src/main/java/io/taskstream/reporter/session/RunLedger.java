package io.taskstream.reporter.session;

import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the event log says about one run (one scan): the request, the scan's summary, each task,
 * invalid files, commits and the timeline. Lists come back in a fixed order so that a report does not depend
 * on the order partitions were read in: by time, then subject, then the subject's own log order (which one
 * partition keeps).
 */
public final class RunLedger {
    private final String runId;
    private final Set<String> seen = new HashSet<>();
    /** Event id to its position among its subject's events. */
    private final Map<String, Integer> logOrder = new HashMap<>();
    private final Map<String, Integer> perSubject = new HashMap<>();
    private final Map<String, TaskLedger> tasks = new LinkedHashMap<>();
    private final List<InvalidFile> invalid = new ArrayList<>();
    private final List<GitCommit> commits = new ArrayList<>();
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private ScanRequested request;
    private Instant requestedAt;
    private ScanCompleted scan;
    private Instant scannedAt;
    private long revision;

    RunLedger(String runId) {
        this.runId = runId;
    }

    /** @return false for a duplicate (an event id seen before) */
    boolean apply(Envelope<? extends EventData> e, long offset) {
        if (!seen.add(e.id())) {
            return false;
        }
        revision++;
        logOrder.put(e.id(), perSubject.merge(e.subject(), 1, Integer::sum));
        timeline.add(new TimelineEntry(e.time(), e.subject(), e.eventType().shortName(), EventText.describe(e),
                e.id()));
        EventData d = e.data();
        if (d instanceof ScanRequested r) {
            request = r;
            requestedAt = e.time();
        } else if (d instanceof ScanCompleted c) {
            scan = c;
            scannedAt = e.time();
        } else if (d instanceof TaskInvalid i) {
            invalid.add(new InvalidFile(i.path(), i.line(), i.problem(), e.subject(), e.time()));
        } else {
            tasks.computeIfAbsent(e.subject(), id -> new TaskLedger(runId, id)).apply(e, offset);
            recordCommit(e);
        }
        return true;
    }

    private void recordCommit(Envelope<? extends EventData> e) {
        EventData d = e.data();
        String sha = null;
        String what = null;
        if (d instanceof CriterionVerified v) {
            sha = v.commit();
            what = "criterion " + v.criterion() + " verified: " + v.text();
        } else if (d instanceof TaskCompleted c) {
            sha = c.commit();
            what = "archived to " + c.archivedPath();
        } else if (d instanceof TaskBlocked b) {
            sha = b.commit();
            what = "marked blocked: " + b.reason();
        }
        if (sha != null && !sha.isBlank()) {
            commits.add(new GitCommit(sha, e.time(), e.subject(), what, e.id(), CommitSubjects.of(e.subject(), d)));
        }
    }

    public String runId() {
        return runId;
    }

    /** Grows with every event applied (duplicates excluded): a report of an older revision is stale. */
    public long revision() {
        return revision;
    }

    /** The scan request; {@code null} when its event was not seen. */
    public ScanRequested request() {
        return request;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    /** The scan's summary; {@code null} until the scan completed. */
    public ScanCompleted scan() {
        return scan;
    }

    public Instant scannedAt() {
        return scannedAt;
    }

    /** Every task an event named, in the order first seen. */
    public Collection<TaskLedger> tasks() {
        return Collections.unmodifiableCollection(tasks.values());
    }

    public Optional<TaskLedger> task(String taskId) {
        return Optional.ofNullable(tasks.get(taskId));
    }

    /** Invalid files by path and line. */
    public List<InvalidFile> invalidFiles() {
        return invalid.stream().sorted(Comparator.comparing(InvalidFile::path).thenComparingInt(InvalidFile::line)
                .thenComparing(InvalidFile::problem)).toList();
    }

    /** Commits by time. */
    public List<GitCommit> commits() {
        return commits.stream().sorted(Comparator.comparing(GitCommit::time).thenComparing(GitCommit::taskId)
                .thenComparing(c -> logOrder.get(c.eventId()))).toList();
    }

    /** Every event of the run by time. */
    public List<TimelineEntry> timeline() {
        return timeline.stream().sorted(Comparator.comparing(TimelineEntry::time).thenComparing(TimelineEntry::task)
                .thenComparing(t -> logOrder.get(t.eventId()))).toList();
    }

    /**
     * The tasks the run is about, in the scan's order: those it listed as ready, waiting or withdrawn (a task
     * an incremental scan found deleted or archived by hand may have no event but its withdrawal). Empty until
     * the scan completed.
     */
    public List<String> population() {
        if (scan == null) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>(scan.ready());
        ids.addAll(scan.waiting());
        ids.addAll(scan.withdrawn());
        return List.copyOf(ids);
    }

    /**
     * Whether nothing more is expected in this run: the scan completed, every task it listed as ready or
     * withdrawn is terminal (completed, blocked, withdrawn or planned, its event read) and every task it listed
     * as waiting is terminal or held back. A waiting task is held back when one of its dependencies will never
     * complete in this run (blocked, withdrawn, only planned by a dry run, invalid, not part of the run, or
     * itself stuck waiting); it is not when its dependencies completed, because the scanner is about to release
     * it.
     */
    public boolean finished() {
        if (scan == null) {
            return false;
        }
        for (String id : scan.ready()) {
            if (!terminal(id)) {
                return false;
            }
        }
        for (String id : scan.withdrawn()) {
            if (!terminal(id)) {
                return false; // its task.withdrawn, on another partition, is not read yet
            }
        }
        for (String id : scan.waiting()) {
            if (!waitingTerminal(id)) {
                return false;
            }
        }
        return true;
    }

    /** Waiting for good: a dependency will never complete in this run. */
    public boolean heldBack(String taskId) {
        TaskLedger t = tasks.get(taskId);
        return scan != null && t != null && !t.processed() && !t.terminal() && t.waitingOn() != null
                && stuck(taskId, new HashSet<>());
    }

    private boolean terminal(String id) {
        TaskLedger t = tasks.get(id);
        return t != null && t.terminal();
    }

    private boolean waitingTerminal(String id) {
        TaskLedger t = tasks.get(id);
        return t != null && (t.terminal() || heldBack(id));
    }

    /** {@code id} is a waiting task (its task.waiting seen, not released) one of whose dependencies is lost. */
    private boolean stuck(String id, Set<String> path) {
        if (!path.add(id)) {
            return true; // a dependency cycle is never released
        }
        try {
            return tasks.get(id).waitingOn().stream().anyMatch(dep -> lost(dep, path));
        } finally {
            path.remove(id);
        }
    }

    private boolean lost(String dep, Set<String> path) {
        if (scan.completed().contains(dep)) {
            return false;
        }
        TaskLedger d = tasks.get(dep);
        if (d != null && d.completed() != null) {
            return false;
        }
        if (d != null && (d.blocked() != null || d.withdrawn() != null)) {
            return true; // withdrawn: deleted, archived by hand or run elsewhere; not completed in this run
        }
        if (d != null && d.planned() != null) {
            return true; // only planned: a dry run completes nothing
        }
        if (scan.withdrawn().contains(dep)) {
            return true;
        }
        if (!scan.ready().contains(dep) && !scan.waiting().contains(dep)) {
            return true; // invalid, or not in this run at all: nothing will release it
        }
        if (d != null && !d.processed() && d.waitingOn() != null) {
            return stuck(dep, path);
        }
        return false; // still running, or its events are not read yet
    }
}
