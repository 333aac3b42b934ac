package io.taskstream.scanner.scan;

import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.task.parse.TaskFileParser;
import io.taskstream.scanner.queue.QueuePlan;
import io.taskstream.scanner.queue.TaskQueue;

import java.io.IOException;
import java.util.ArrayList;
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

    private final GitTaskRepo repo;
    private final TaskRepoReader reader = new TaskRepoReader();
    private final TaskQueue queue = new TaskQueue();
    private String commit;
    private SortedMap<String, ReadResult> files = new TreeMap<>();
    private Map<String, String> states = Map.of();
    private QueuePlan lastPlan;
    /** Paths people changed that a release absorbed before any scan announced them. */
    private final Set<String> unannounced = new HashSet<>();

    public IncrementalScanner(GitTaskRepo repo) {
        this.repo = repo;
    }

    /** A scan for a run: everything when {@code full} or the first time, else what people changed since. */
    public synchronized ScanOutcome scan(boolean full) throws IOException, GitTaskRepo.GitException {
        String previous = commit;
        Map<String, String> before = states;
        SortedMap<String, ReadResult> previousFiles = files;
        Set<String> changedByPeople = refresh(full);
        if (!full && previous != null && previous.equals(commit) && unannounced.isEmpty() && lastPlan != null) {
            return new ScanOutcome(commit, previous, true, lastPlan, Set.of(), List.of());
        }
        QueuePlan plan = queue.plan(TaskRepoReader.scanOf(commit, files));
        lastPlan = plan;
        states = QueueStates.of(plan);
        if (full || previous == null) {
            unannounced.clear();
            return new ScanOutcome(commit, "", false, plan, new HashSet<>(states.keySet()), List.of());
        }
        changedByPeople.addAll(unannounced);
        unannounced.clear();
        Set<String> announce = new HashSet<>();
        List<ScanOutcome.Withdrawal> withdrawn = new ArrayList<>();
        for (String path : changedByPeople) {
            keyOf(files.get(path)).ifPresent(announce::add);
            keyOf(previousFiles.get(path)).ifPresent(was -> {
                if (states.containsKey(was)) {
                    announce.add(was);
                } else if (!files.containsKey(path)) {
                    withdrawn.add(new ScanOutcome.Withdrawal(was, path, "deleted from the task repo"));
                }
            });
        }
        for (String key : List.copyOf(announce)) {
            String was = before.get(key);
            if (QueueStates.COMPLETED.equals(states.get(key)) && was != null && !QueueStates.COMPLETED.equals(was)) {
                announce.remove(key);
                withdrawn.add(new ScanOutcome.Withdrawal(key, pathOf(previousFiles, key),
                        "moved to " + pathOf(files, key) + " by hand"));
            }
        }
        announce.addAll(QueueStates.dependantsThatChanged(plan, before, states, announce, withdrawn));
        return new ScanOutcome(commit, previous, true, plan, announce, withdrawn);
    }

    /** The queue at the remote's newest commit, for releasing waiting tasks. */
    public synchronized QueuePlan current() throws IOException, GitTaskRepo.GitException {
        String before = commit;
        unannounced.addAll(refresh(false));
        if (commit.equals(before) && lastPlan != null) {
            return lastPlan;
        }
        QueuePlan plan = queue.plan(TaskRepoReader.scanOf(commit, files));
        lastPlan = plan;
        states = QueueStates.of(plan);
        return plan;
    }

    /**
     * Whether a task of the last plan waits for the given one: when none does, its completion releases
     * nothing and the task repo need not be read again (a task added since is announced by its own scan).
     */
    public synchronized boolean anyWaitsFor(String taskId) {
        return lastPlan == null || lastPlan.waiting().keySet().stream()
                .anyMatch(t -> t.file().frontMatter().dependsOn().contains(taskId));
    }

    public synchronized String commit() {
        return commit;
    }

    /**
     * Brings {@link #files} to the newest commit; returns the paths people changed in between. A full read
     * checks the clone out; an incremental one only fetches and reads the changed files' objects.
     */
    private Set<String> refresh(boolean full) throws IOException, GitTaskRepo.GitException {
        if (full || commit == null) {
            commit = repo.sync();
            files = reader.readAll(repo.workTree());
            return new HashSet<>();
        }
        String head = repo.fetch();
        Set<String> byPeople = new HashSet<>();
        if (head.equals(commit)) {
            return byPeople;
        }
        List<GitTaskRepo.Change> changes;
        try {
            changes = repo.changes(commit, head, FOLDER);
        } catch (GitTaskRepo.GitException rewritten) {
            commit = repo.sync();
            files = reader.readAll(repo.workTree());
            return new HashSet<>(files.keySet());
        }
        List<String> paths = new ArrayList<>();
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
        String at = head;
        files = reader.update(files, paths, path -> repo.read(at, path, TaskFileParser.MAX_BYTES));
        commit = head;
        return byPeople;
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
