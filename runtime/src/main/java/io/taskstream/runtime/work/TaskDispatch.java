package io.taskstream.runtime.work;

import io.taskstream.runtime.kafka.Consumed;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.runtime.kafka.LogEnd;
import io.taskstream.runtime.kafka.PartitionWorker;
import io.taskstream.runtime.logging.LogContext;
import io.taskstream.runtime.progress.TaskRuns;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>An event is folded, and a task's work runs, with the task id and run id in the logging context
 * ({@link LogContext#TASK}, {@link LogContext#RUN}) beside what the calling thread had (service, instance).
 */
public final class TaskDispatch implements PartitionWorker {
    private static final Logger LOG = LoggerFactory.getLogger(TaskDispatch.class);
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
    private final Map<String, String> held = new LinkedHashMap<>();

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
        // task id -> the run id its work is logged with
        Map<String, String> touched = new LinkedHashMap<>();
        for (Consumed c : batch) {
            String task;
            try (LogContext.Scope s = LogContext.put(
                    LogContext.of(LogContext.TASK, c.event().subject(), LogContext.RUN, c.event().runId()))) {
                task = runs.fold(c);
            }
            if (task != null) {
                touched.putIfAbsent(task, c.event().runId());
            }
        }
        synchronized (this) {
            folded = nextOffset;
        }
        if (caughtUp) {
            if (!caughtUpBefore) {
                caughtUpBefore = true;
                runs.open().forEach(r -> touched.putIfAbsent(r.taskId(), r.runId()));
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

    private void submit(String task, String runId) {
        try (LogContext.Scope s = LogContext.put(LogContext.of(LogContext.TASK, task, LogContext.RUN, runId))) {
            work.submit(group, group + "/" + task, () -> run(task, runId));
        }
    }

    private void run(String task, String runId) throws Exception {
        synchronized (this) {
            if (!barrierPassed()) {
                held.put(task, runId);
                return;
            }
        }
        LOG.debug("acting on {}", task);
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
        Map<String, String> waiting;
        synchronized (this) {
            if (held.isEmpty() || !barrierPassed()) {
                return;
            }
            waiting = new LinkedHashMap<>(held);
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
