package io.taskstream.runtime.work;

import io.taskstream.runtime.kafka.Consumed;
import io.taskstream.runtime.kafka.PartitionWorker;
import io.taskstream.runtime.progress.TaskRuns;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Folds one partition's events into its {@link TaskRuns} in order, and asks for work on each task whose
 * runs the events changed, on the instance's shared {@link KeyedWork}: the tasks of a partition go side by
 * side, each task's work stays in order. Nothing is asked before the partition is caught up; then every
 * open task once.
 */
public final class TaskDispatch implements PartitionWorker {
    /** The work to do for one task now. */
    @FunctionalInterface
    public interface TaskAction {
        void act(String taskId) throws Exception;
    }

    private final TaskRuns runs;
    private final KeyedWork work;
    private final String group;
    private final TaskAction action;
    private boolean caughtUpBefore;

    /** @param actions the service's work, given the partition's runs it reads */
    public TaskDispatch(KeyedWork work, TopicPartition partition, Function<TaskRuns, TaskAction> actions) {
        this.runs = new TaskRuns();
        this.work = work;
        // A new name for each assignment, so that work left over from an earlier one never mixes in.
        this.group = partition + "#" + UUID.randomUUID();
        this.action = actions.apply(runs);
    }

    @Override
    public long handle(List<Consumed> batch, long nextOffset, boolean caughtUp) {
        Set<String> touched = new LinkedHashSet<>();
        for (Consumed c : batch) {
            String task = runs.fold(c);
            if (task != null) {
                touched.add(task);
            }
        }
        if (caughtUp) {
            if (!caughtUpBefore) {
                caughtUpBefore = true;
                touched.addAll(runs.openTasks());
            }
            touched.forEach(task -> work.submit(group, group + "/" + task, () -> action.act(task)));
        }
        return runs.safeOffset(nextOffset);
    }

    @Override
    public long safeOffset(long handledUpTo) {
        return runs.safeOffset(handledUpTo);
    }

    /** Takes no more work for this partition and waits, bounded, for what runs. */
    @Override
    public void quiesce(Duration wait) {
        work.closeGroup(group, wait);
    }
}
