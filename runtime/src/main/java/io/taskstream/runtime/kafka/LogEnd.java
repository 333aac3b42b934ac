package io.taskstream.runtime.kafka;

import java.util.concurrent.CompletableFuture;

/** Asks the broker where one partition's log ends now. */
@FunctionalInterface
public interface LogEnd {
    /**
     * @return completes with the offset after the partition's last record as the broker answers now (the
     * answer waits while the broker cannot be reached)
     */
    CompletableFuture<Long> fetch();
}
