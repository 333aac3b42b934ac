package io.taskstream.scanner.scan;

import io.taskstream.scanner.queue.QueuePlan;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Where each task stands in a queue, as a comparable word: what an incremental scan diffs. */
final class QueueStates {
    static final String READY = "ready";
    static final String COMPLETED = "completed";
    static final String BLOCKED = "blocked";

    private QueueStates() {
    }

    /** Task id (or, for a file without one, its path) to its state. */
    static Map<String, String> of(QueuePlan plan) {
        Map<String, String> states = new HashMap<>();
        plan.ready().forEach(t -> states.put(t.id(), READY));
        plan.waiting().forEach((t, deps) -> states.put(t.id(), "waiting on " + String.join(",", deps)));
        plan.blocked().forEach(t -> states.put(t.id(), BLOCKED));
        plan.completed().forEach(t -> states.put(t.id(), COMPLETED));
        plan.invalid().forEach(bad -> states.put(bad.taskId() == null ? bad.path() : bad.taskId(),
                "invalid: " + bad.problem()));
        return states;
    }

    /**
     * Tasks whose state changed because something they depend on changed: announced with it. Changes
     * that only the pipeline's own commits caused are not among them: the run that made them releases
     * its dependants itself.
     */
    static Set<String> dependantsThatChanged(QueuePlan plan, Map<String, String> before, Map<String, String> after,
                                             Set<String> announced, List<ScanOutcome.Withdrawal> withdrawn) {
        Set<String> causes = new HashSet<>(announced);
        withdrawn.forEach(w -> causes.add(w.taskId()));
        Set<String> found = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ScannedTask t : openTasks(plan)) {
                if (!found.contains(t.id()) && !causes.contains(t.id())
                        && !Objects.equals(before.get(t.id()), after.get(t.id()))
                        && t.file().frontMatter().dependsOn().stream().anyMatch(causes::contains)) {
                    found.add(t.id());
                    causes.add(t.id());
                    grew = true;
                }
            }
        }
        return found;
    }

    private static List<ScannedTask> openTasks(QueuePlan plan) {
        List<ScannedTask> open = new java.util.ArrayList<>(plan.ready());
        open.addAll(plan.waiting().keySet());
        return open;
    }
}
