package io.taskstream.launcher.cli;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The CLI's main thread waits for Vert.x futures here; services never block on them. */
final class Futures {
    private Futures() {
    }

    static <T> T await(Future<T> future, Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }
}
