package io.taskstream.scanner.queue;

import io.taskstream.scanner.scan.FrontMatterLines;
import io.taskstream.scanner.scan.InvalidFile;
import io.taskstream.scanner.scan.RepoScan;
import io.taskstream.scanner.scan.ScannedTask;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders a scan's open tasks: priority (critical first), active before backlog, then {@code created}, then id.
 * A task runs only when every task it {@code depends_on} is completed; a dependency that does not exist
 * (or cannot be read) and a dependency cycle make the tasks concerned invalid, with the cycle spelled out.
 */
public final class TaskQueue {
    public static final Comparator<ScannedTask> ORDER = Comparator
            .comparingInt((ScannedTask t) -> t.file().frontMatter().priority().rank())
            .thenComparing(ScannedTask::folder)
            .thenComparing(t -> t.file().frontMatter().created().isEmpty() ? "~" : t.file().frontMatter().created())
            .thenComparing(ScannedTask::id);

    public QueuePlan plan(RepoScan scan) {
        Map<String, ScannedTask> usable = new LinkedHashMap<>();
        scan.tasks().forEach(t -> usable.put(t.id(), t));
        List<InvalidFile> invalid = new ArrayList<>(scan.invalid());
        markCycles(usable, invalid);
        markBrokenDependencies(usable, invalid);

        List<ScannedTask> ready = new ArrayList<>();
        Map<ScannedTask, List<String>> waiting = new LinkedHashMap<>();
        List<ScannedTask> blocked = new ArrayList<>();
        List<ScannedTask> completed = new ArrayList<>();
        List<ScannedTask> ordered = new ArrayList<>(usable.values());
        ordered.sort(ORDER);
        for (ScannedTask t : ordered) {
            if (t.completed()) {
                completed.add(t);
            } else if (t.blocked()) {
                blocked.add(t);
            } else {
                List<String> unmet = List.of();
                for (String d : t.file().frontMatter().dependsOn()) {
                    if (!usable.get(d).completed()) {
                        unmet = unmet.isEmpty() ? new ArrayList<>() : unmet;
                        unmet.add(d);
                    }
                }
                if (unmet.isEmpty()) {
                    ready.add(t);
                } else {
                    waiting.put(t, unmet);
                }
            }
        }
        return new QueuePlan(ready, waiting, blocked, completed, invalid);
    }

    /**
     * The dependencies that name no task of the repo at all (usable or not): what a file, even an invalid one,
     * waits for in vain.
     *
     * @param dependsOn a file's {@code depends_on}
     * @param ids       the id of every task file of the repo, invalid ones included
     */
    public static List<String> unknownDependencies(List<String> dependsOn, java.util.Set<String> ids) {
        return dependsOn.stream().filter(d -> !ids.contains(d)).distinct().toList();
    }

    /** Every open task on a dependency cycle is invalid; the message walks the cycle. */
    private static void markCycles(Map<String, ScannedTask> usable, List<InvalidFile> invalid) {
        Map<String, Integer> state = new HashMap<>(usable.size() * 2);
        List<List<String>> cycles = new ArrayList<>();
        List<String> stack = new ArrayList<>();
        for (String id : usable.keySet()) {
            walk(id, usable, state, stack, cycles);
        }
        for (List<String> cycle : cycles) {
            String path = String.join(" → ", cycle) + " → " + cycle.get(0);
            for (String id : cycle) {
                ScannedTask t = usable.remove(id);
                if (t != null) {
                    invalid.add(new InvalidFile(t.file().path(), id, FrontMatterLines.lineOf(t.file(), "depends_on"),
                            "dependency cycle: " + path));
                }
            }
        }
    }

    private static void walk(String id, Map<String, ScannedTask> usable, Map<String, Integer> state,
                             List<String> stack, List<List<String>> cycles) {
        Integer seen = state.get(id);
        if (seen != null && seen == 2) {
            return;
        }
        ScannedTask t = usable.get(id);
        // A completed task satisfies its dependents whatever it depended on: no cycle runs through it.
        if (t == null || t.completed()) {
            return;
        }
        if (seen != null) {
            cycles.add(List.copyOf(stack.subList(stack.indexOf(id), stack.size())));
            return;
        }
        state.put(id, 1);
        stack.add(id);
        for (String dep : t.file().frontMatter().dependsOn()) {
            walk(dep, usable, state, stack, cycles);
        }
        stack.remove(stack.size() - 1);
        state.put(id, 2);
    }

    /** A task whose dependency is missing or invalid can never run: invalid too, transitively. */
    private static void markBrokenDependencies(Map<String, ScannedTask> usable, List<InvalidFile> invalid) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (ScannedTask t : List.copyOf(usable.values())) {
                if (t.completed()) {
                    continue;
                }
                for (String dep : t.file().frontMatter().dependsOn()) {
                    if (!usable.containsKey(dep)) {
                        usable.remove(t.id());
                        invalid.add(new InvalidFile(t.file().path(), t.id(),
                                FrontMatterLines.lineOf(t.file(), "depends_on"),
                                "depends on " + dep + ", which is not a usable task in this repo"));
                        changed = true;
                        break;
                    }
                }
            }
        }
    }
}
