package io.taskstream.runtime.kafka;

import io.taskstream.runtime.work.Backoff;
import io.taskstream.runtime.work.Monitors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One assigned partition: the records read but not yet handled, and the worker that handles them one batch
 * at a time. The poll thread offers records; the worker's thread keeps taking what arrived while it was
 * busy until nothing is left. A batch that fails is read again from its first record, after a pause that
 * grows while it keeps failing: the lane asks the poll thread for the seek and drops what arrives until then.
 */
final class PartitionLane {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionLane.class);

    final TopicPartition tp;
    final PartitionWorker worker;
    private final long endAtAssignment;
    private final Executor pool;
    /** Poll thread only. */
    long committed;
    /** Poll thread only. */
    boolean paused;

    private List<Consumed> pending = new ArrayList<>();
    private long pendingNext = -1;
    private boolean busy;
    private boolean closed;
    private long seekTo = -1;
    private boolean discarding;
    private long backoffUntil;
    private int failures;
    private long handledNext;
    private long lastSafe = -1;

    PartitionLane(TopicPartition tp, PartitionWorker worker, long endAtAssignment, long position, Executor pool) {
        this.tp = tp;
        this.worker = worker;
        this.endAtAssignment = endAtAssignment;
        this.pool = pool;
        this.committed = position;
        this.handledNext = position;
    }

    synchronized void offer(List<Consumed> decoded, List<ConsumerRecord<String, byte[]>> raw) {
        if (closed || discarding || raw.isEmpty()) {
            return;
        }
        pending.addAll(decoded);
        pendingNext = raw.get(raw.size() - 1).offset() + 1;
        startIfReady(System.currentTimeMillis());
    }

    synchronized void dispatchIfDue(long now) {
        startIfReady(now);
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    /** The offset the poll thread has to seek to, once, after a failed batch; -1 when none. */
    synchronized long takeSeek() {
        long s = seekTo;
        if (s >= 0) {
            seekTo = -1;
            discarding = false;
        }
        return s;
    }

    private void startIfReady(long now) {
        if (busy || closed || discarding || seekTo >= 0 || now < backoffUntil
                || (pending.isEmpty() && pendingNext < 0)) {
            return;
        }
        busy = true;
        try {
            pool.execute(this::work);
        } catch (RejectedExecutionException e) {
            busy = false;
        }
    }

    private void work() {
        while (true) {
            List<Consumed> batch;
            long next;
            synchronized (this) {
                if (closed || discarding || (pending.isEmpty() && pendingNext < 0)
                        || System.currentTimeMillis() < backoffUntil) {
                    idle();
                    return;
                }
                batch = pending;
                next = pendingNext;
                pending = new ArrayList<>();
                pendingNext = -1;
            }
            try {
                long safe = worker.handle(batch, next, next >= endAtAssignment);
                synchronized (this) {
                    failures = 0;
                    handledNext = next;
                    lastSafe = safe;
                }
            } catch (Exception e) {
                LOG.error("worker of {} failed; the batch will be read again", tp, e);
                synchronized (this) {
                    failures++;
                    backoffUntil = System.currentTimeMillis() + Backoff.afterFailures(failures);
                    pending.clear();
                    pendingNext = -1;
                    seekTo = batch.isEmpty() ? next : batch.get(0).offset();
                    discarding = true;
                    idle();
                }
                return;
            }
        }
    }

    private void idle() {
        busy = false;
        notifyAll();
    }

    /** Where a restart must read from: what the worker reports done, never past the last batch handled. */
    long safeOffset() {
        long handled;
        long reported;
        synchronized (this) {
            handled = handledNext;
            reported = lastSafe;
        }
        long tracked = worker.safeOffset(handled);
        return tracked >= 0 ? Math.min(tracked, handled) : reported >= 0 ? reported : committed;
    }

    /** Starts no further batch and waits until the one under way ends, or the deadline passes. */
    synchronized boolean awaitIdle(long deadlineMillis) {
        closed = true;
        return Monitors.awaitUntil(this, () -> !busy, deadlineMillis);
    }

    synchronized void close() {
        closed = true;
    }
}
