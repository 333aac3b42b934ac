package io.taskstream.runtime.kafka;

import java.util.List;

/**
 * Handles one partition's events, one batch at a time and in order, on a thread where blocking is fine.
 * A worker is created when its partition is assigned and dropped when it is revoked.
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
}
