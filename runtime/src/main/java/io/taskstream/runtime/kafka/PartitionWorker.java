package io.taskstream.runtime.kafka;

import java.time.Duration;
import java.util.List;

/**
 * Handles one partition's events, one batch at a time and in order, on a thread where blocking is fine.
 * A worker is created when its partition is assigned and dropped when it is revoked. A worker may also
 * hand work to other threads (per task, see {@link io.taskstream.runtime.work.KeyedWork}); then it says
 * through {@link #safeOffset(long)} how far that work has come.
 */
public interface PartitionWorker {

    /**
     * @param batch      the next decoded events of the partition (poison records are already dead-lettered)
     * @param nextOffset the offset after the last record of this batch, poison included
     * @param caughtUp   the partition has been read up to where it ended when it was assigned: the worker
     *                   now knows everything published before, and may act
     * @return the offset from which a restart must read again (at most {@code nextOffset}); everything before it is done
     */
    long handle(List<Consumed> batch, long nextOffset, boolean caughtUp) throws Exception;

    /**
     * Where a restart must read from now, for workers whose work goes on after {@link #handle} returned;
     * asked from time to time with the offset after the last batch handled. By default, what handle said.
     */
    default long safeOffset(long handledUpTo) {
        return -1;
    }

    /**
     * Called once, before the first batch: how the worker can learn where its partition ends, e.g. to read
     * up to there before it acts on something it may have published without knowing.
     */
    default void logEnd(LogEnd end) {
    }

    /** The partition is going away: stop taking work and wait, at most {@code wait}, for work under way. */
    default void quiesce(Duration wait) {
    }
}
