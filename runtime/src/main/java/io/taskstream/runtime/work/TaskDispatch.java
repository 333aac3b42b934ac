package io.taskstream.runtime.work;

import io.taskstream.runtime.kafka.Consumed;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.runtime.kafka.LogEnd;
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
 *
 * <p><b>Reading one's own writes after a failed publish.</b> A publish reported failed may still have been
 * written (the broker appended it, the acknowledgement was lost). So when work fails to publish, the log end
 * of the partition is asked for after the failure, and no work of the partition runs until the fold has
 * passed that end: work done again then sees the result it may have published, instead of doing it twice.
 * The producer never writes a record it reported failed later (see {@link EventPublisher}), so that end
 * covers every record the failed work may have written.
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
    private volatile LogEnd logEnd;
    /** Guarded by this: the offset after the last event folded. */
    private long folded = -1;
    /** Guarded by this: log ends asked for after failed publishes and not answered yet. */
    private int unansweredEnds;
    /** Guarded by this: the fold has to pass this offset before work of the partition runs again. */
    private long barrier = -1;
    /** Guarded by this: tasks whose work waits for the barrier, to be asked for once it is passed. */
    private final Set<String> held = new LinkedHashSet<>();

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
        synchronized (this) {
            folded = nextOffset;
        }
        if (caughtUp) {
            if (!caughtUpBefore) {
                caughtUpBefore = true;
                touched.addAll(runs.openTasks());
            }
            touched.forEach(this::submit);
        }
        release();
        return runs.safeOffset(nextOffset);
    }

    @Override
    public void logEnd(LogEnd end) {
        this.logEnd = end;
    }

    private void submit(String task) {
        work.submit(group, group + "/" + task, () -> run(task));
    }

    private void run(String task) throws Exception {
        synchronized (this) {
            if (!barrierPassed()) {
                held.add(task);
                return;
            }
        }
        try {
            action.act(task);
        } catch (EventPublisher.PublishException e) {
            raiseBarrier();
            throw e;
        }
    }

    private boolean barrierPassed() {
        return unansweredEnds == 0 && folded >= barrier;
    }

    /** Asks where the log ends now, after the failure: the fold has to get there before work goes on. */
    private void raiseBarrier() {
        LogEnd end = logEnd;
        if (end == null) {
            return;
        }
        synchronized (this) {
            unansweredEnds++;
        }
        end.fetch().whenComplete((offset, error) -> {
            synchronized (this) {
                unansweredEnds--;
                // Without an answer the partition is going away: hold its work for good.
                barrier = Math.max(barrier, error == null ? offset : Long.MAX_VALUE);
            }
            release();
        });
    }

    /** Asks again for the work that waited, once the fold has passed the barrier. */
    private void release() {
        List<String> waiting;
        synchronized (this) {
            if (held.isEmpty() || !barrierPassed()) {
                return;
            }
            waiting = List.copyOf(held);
            held.clear();
        }
        waiting.forEach(this::submit);
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
