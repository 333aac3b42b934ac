package io.taskstream.runtime.progress;

import io.taskstream.events.data.TaskReady;
import io.taskstream.runtime.kafka.Consumed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The open task runs of one partition. A run opens with its task.ready and closes with task.completed or
 * task.blocked; the partition's offset may only move past a task.ready once its run has closed, so a restart
 * replays every open run from its beginning.
 */
public final class TaskRuns {
    private final Map<String, TaskRun> open = new LinkedHashMap<>();
    /** Recently closed runs, so that a late duplicate task.ready does not reopen one; bounded. */
    private final Set<String> closed = java.util.Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_CLOSED;
        }
    });
    /** Per partition: a duplicate task.ready comes soon after the first (a redelivery), not thousands of runs later. */
    private static final int MAX_CLOSED = 10_000;

    /** @return the run the event belongs to, if it is open */
    public synchronized TaskRun apply(Consumed consumed) {
        var event = consumed.event();
        String key = key(event.runId(), event.subject());
        if (event.data() instanceof TaskReady ready) {
            if (open.containsKey(key) || closed.contains(key)) {
                return null;
            }
            TaskRun run = new TaskRun(event.runId(), ready, consumed.offset());
            open.put(key, run);
            return run;
        }
        TaskRun run = open.get(key);
        if (run != null) {
            run.apply(event);
        }
        return run;
    }

    /**
     * Applies the event like {@link #apply}.
     *
     * @return the id of the task whose open run it opened or changed; null when it changed nothing (a
     * duplicate, an event a service already applied itself, another run's)
     */
    public synchronized String fold(Consumed consumed) {
        var event = consumed.event();
        String key = key(event.runId(), event.subject());
        if (event.data() instanceof TaskReady) {
            return apply(consumed) == null ? null : event.subject();
        }
        TaskRun run = open.get(key);
        return run != null && run.apply(event) ? event.subject() : null;
    }

    /** The task's open runs (closed ones not dropped yet left out), in the order they became ready. */
    public synchronized List<TaskRun> openOf(String taskId) {
        List<TaskRun> list = new ArrayList<>();
        for (TaskRun r : open.values()) {
            if (r.taskId().equals(taskId) && !r.closed()) {
                list.add(r);
            }
        }
        list.sort(Comparator.comparingLong(TaskRun::readyOffset));
        return list;
    }

    /** The tasks that have an open run. */
    public synchronized Set<String> openTasks() {
        Set<String> tasks = new java.util.LinkedHashSet<>();
        open().forEach(r -> tasks.add(r.taskId()));
        return tasks;
    }

    /** Open runs in the order their tasks became ready. */
    public synchronized List<TaskRun> open() {
        List<TaskRun> list = new ArrayList<>(open.values());
        list.sort(Comparator.comparingLong(TaskRun::readyOffset));
        return list;
    }

    /**
     * Whether another run of the same task opened before this one and is still open: the later run must not
     * work on the task at the same time.
     */
    public synchronized java.util.Optional<TaskRun> earlierOpenRun(TaskRun run) {
        return open.values().stream()
                .filter(r -> r != run && !r.closed() && r.taskId().equals(run.taskId())
                        && r.readyOffset() < run.readyOffset())
                .findFirst();
    }

    public synchronized void dropClosed() {
        open.values().removeIf(r -> {
            if (r.closed()) {
                closed.add(key(r.runId(), r.taskId()));
            }
            return r.closed();
        });
    }

    /** The offset a restart has to read from: the first open run's task.ready, or past everything. */
    public synchronized long safeOffset(long nextOffset) {
        dropClosed();
        return open.values().stream().mapToLong(TaskRun::readyOffset).min().orElse(nextOffset);
    }

    private static String key(String runId, String taskId) {
        return runId + "/" + taskId;
    }
}
