package io.taskstream.runtime.kafka;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Which errors a consumer loop outlives. A broker that restarts or a group that rebalances makes a commit or a send
 * fail for a moment; the loop goes on, and what was not committed is committed later or delivered again (the
 * services are idempotent). Anything else (bad credentials, a deleted topic, a bug) stops the loop, loudly.
 */
public final class TransientKafkaErrors {
    private TransientKafkaErrors() {
    }

    /** Whether the loop should go on after {@code e}: it, or what it wraps, is one of those moments. */
    public static boolean isTransient(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 10; t = t.getCause()) {
            if (t instanceof RetriableException || t instanceof CommitFailedException
                    || t instanceof RebalanceInProgressException) {
                return true;
            }
        }
        return false;
    }

    /** Throws {@code e} again unless the loop should go on after it. */
    public static void rethrowUnlessTransient(RuntimeException e) {
        if (!isTransient(e)) {
            throw e;
        }
    }
}
