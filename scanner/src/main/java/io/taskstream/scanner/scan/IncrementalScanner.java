package io.taskstream.scanner.scan;

import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.task.parse.TaskFileParser;
import io.taskstream.scanner.queue.QueuePlan;
import io.taskstream.scanner.queue.TaskQueue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Scans the task repo, after the first time reading only what changed since the last scanned commit.
 * Changes the pipeline made itself (its commits carry the run trailer) are read but not announced again:
 * the run that made them is already dealing with them. One instance per clone; calls are serialised.
 */
public final class IncrementalScanner {
    private static final String FOLDER = "tasks";
    private static final State NONE = new State(null, new TreeMap<>(), Map.of(), null, Set.of());

    private final GitTaskRepo repo;
    private final EventBudget budget;
    private final TaskRepoReader reader = new TaskRepoReader();
    private final TaskQueue queue = new TaskQueue();
    /** What the scans and releases since the last {@link #acknowledge()} came to. */
    private State working = NONE;
    /** What the last scans whose events are on the log came to: a failed publish goes back to it. */
    private State acknowledged = NONE;

    /**
     * Where scanning has come to; replaced whole, never changed in place.
     *
     * @param unannounced paths people changed that a release absorbed before any scan announced them
     */
    private record State(String commit, SortedMap<String, ReadResult> files, Map<String, String> states,
                         QueuePlan lastPlan, Set<String> unannounced) {
    }

    private record Refreshed(String commit, SortedMap<String, ReadResult> files, Set<String> byPeople) {
    }

    /** A scanner whose tasks' events must fit Kafka's default record limit. */
    public IncrementalScanner(GitTaskRepo repo) {
        this(repo, EventBudget.kafkaDefault());
    }

    /** @param budget a task whose task.ready would not fit is an invalid file, with the reason */
    public IncrementalScanner(GitTaskRepo repo, EventBudget budget) {
        this.repo = repo;
        this.budget = budget;
    }

    /** A scan for a run: everything when {@code full} or the first time, else what people changed since. */
    public synchronized ScanOutcome scan(boolean full) throws IOException, GitTaskRepo.GitException {
        State was = working;
        String previous = was.commit();
        Refreshed now = refresh(was, full);
        if (!full && previous != null && previous.equals(now.commit()) && was.unannounced().isEmpty()
                && was.lastPlan() != null) {
            return new ScanOutcome(previous, previous, true, was.lastPlan(), Set.of(), List.of());
        }
        QueuePlan plan = queue.plan(TaskRepoReader.scanOf(now.commit(), now.files()));
        Map<String, String> states = QueueStates.of(plan);
        working = new State(now.commit(), now.files(), states, plan, Set.of());
        if (full || previous == null) {
            return new ScanOutcome(now.commit(), "", false, plan, new HashSet<>(states.keySet()), List.of());
        }
        Set<String> changedByPeople = new HashSet<>(now.byPeople());
        changedByPeople.addAll(was.unannounced());
        Map<String, String> before = was.states();
        SortedMap<String, ReadResult> previousFiles = was.files();
        SortedMap<String, ReadResult> files = now.files();
        Set<String> announce = new HashSet<>();
        List<ScanOutcome.Withdrawal> withdrawn = new ArrayList<>();
        for (String path : changedByPeople) {
            keyOf(files.get(path)).ifPresent(announce::add);
            keyOf(previousFiles.get(path)).ifPresent(key -> {
                if (states.containsKey(key)) {
                    announce.add(key);
                } else if (!files.containsKey(path)) {
                    withdrawn.add(new ScanOutcome.Withdrawal(key, path, "deleted from the task repo"));
                }
            });
        }
        for (String key : List.copyOf(announce)) {
            String state = before.get(key);
            if (QueueStates.COMPLETED.equals(states.get(key)) && state != null
                    && !QueueStates.COMPLETED.equals(state)) {
                announce.remove(key);
                withdrawn.add(new ScanOutcome.Withdrawal(key, pathOf(previousFiles, key),
                        "moved to " + pathOf(files, key) + " by hand"));
            }
        }
        announce.addAll(QueueStates.dependantsThatChanged(plan, before, states, announce, withdrawn));
        return new ScanOutcome(now.commit(), previous, true, plan, announce, withdrawn);
    }

    /** The queue at the remote's newest commit, for releasing waiting tasks. */
    public synchronized QueuePlan current() throws IOException, GitTaskRepo.GitException {
        State was = working;
        Refreshed now = refresh(was, false);
        Set<String> unannounced = new HashSet<>(was.unannounced());
        unannounced.addAll(now.byPeople());
        if (now.commit().equals(was.commit()) && was.lastPlan() != null) {
            working = new State(was.commit(), was.files(), was.states(), was.lastPlan(), Set.copyOf(unannounced));
            return was.lastPlan();
        }
        QueuePlan plan = queue.plan(TaskRepoReader.scanOf(now.commit(), now.files()));
        working = new State(now.commit(), now.files(), QueueStates.of(plan), plan, Set.copyOf(unannounced));
        return plan;
    }

    /**
     * Whether a task of the last plan waits for the given one: when none does, its completion releases
     * nothing and the task repo need not be read again (a task added since is announced by its own scan).
     */
    public synchronized boolean anyWaitsFor(String taskId) {
        QueuePlan plan = working.lastPlan();
        return plan == null || plan.waiting().keySet().stream()
                .anyMatch(t -> t.file().frontMatter().dependsOn().contains(taskId));
    }

    /** The commit the scans and releases under way read. */
    public synchronized String commit() {
        return working.commit();
    }

    /** The commit of the last scan whose events are on the log: where the next incremental scan starts from. */
    public synchronized String scannedCommit() {
        return acknowledged.commit();
    }

    /** The events of everything scanned and released since the last call are on the log: keep what they came to. */
    public synchronized void acknowledge() {
        acknowledged = working;
    }

    /**
     * Publishing what was scanned or released since the last {@link #acknowledge()} failed: forget it, so that
     * handling the request again finds the same changes to announce.
     */
    public synchronized void rollback() {
        working = acknowledged;
    }

    /**
     * The files at the newest commit, and the paths people changed since {@code was}. A full read checks the
     * clone out; an incremental one only fetches and reads the changed files' objects.
     */
    private Refreshed refresh(State was, boolean full) throws IOException, GitTaskRepo.GitException {
        if (full || was.commit() == null) {
            return readAll(new HashSet<>());
        }
        String head = repo.fetch();
        if (head.equals(was.commit())) {
            return new Refreshed(head, was.files(), new HashSet<>());
        }
        List<GitTaskRepo.Change> changes;
        try {
            changes = repo.changes(was.commit(), head, FOLDER);
        } catch (GitTaskRepo.GitException rewritten) {
            Refreshed all = readAll(new HashSet<>());
            all.byPeople().addAll(all.files().keySet());
            return all;
        }
        List<String> paths = new ArrayList<>();
        Set<String> byPeople = new HashSet<>();
        for (GitTaskRepo.Change c : changes) {
            List<String> both = new ArrayList<>();
            if (c.oldPath() != null) {
                both.add(c.oldPath());
            }
            if (c.newPath() != null) {
                both.add(c.newPath());
            }
            paths.addAll(both);
            if (!c.byPipeline()) {
                byPeople.addAll(both);
            }
        }
        SortedMap<String, ReadResult> files = reader.update(was.files(), paths,
                path -> repo.read(head, path, TaskFileParser.MAX_BYTES));
        return new Refreshed(head, admitted(files, paths), byPeople);
    }

    private Refreshed readAll(Set<String> byPeople) throws IOException, GitTaskRepo.GitException {
        String head = repo.sync();
        SortedMap<String, ReadResult> files = reader.readAll(repo.workTree());
        return new Refreshed(head, admitted(files, List.copyOf(files.keySet())), byPeople);
    }

    /** The files with each of the given paths that is a task too large to announce made an invalid file. */
    private SortedMap<String, ReadResult> admitted(SortedMap<String, ReadResult> files, Collection<String> paths) {
        for (String path : paths) {
            if (files.get(path) instanceof ScannedTask t) {
                budget.tooLarge(t).ifPresent(bad -> files.put(path, bad));
            }
        }
        return files;
    }

    private static java.util.Optional<String> keyOf(ReadResult r) {
        if (r instanceof ScannedTask t) {
            return java.util.Optional.of(t.id());
        } else if (r instanceof InvalidFile bad) {
            return java.util.Optional.of(bad.taskId() == null ? bad.path() : bad.taskId());
        }
        return java.util.Optional.empty();
    }

    private static String pathOf(Map<String, ReadResult> files, String key) {
        return files.values().stream().filter(r -> keyOf(r).map(key::equals).orElse(false))
                .map(ReadResult::path).findFirst().orElse(key);
    }
}
