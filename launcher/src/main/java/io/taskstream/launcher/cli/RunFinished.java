package io.taskstream.launcher.cli;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for the reporter running in this process to announce that it wrote a run's report. Whether the run is
 * over is read from the event log ({@link RunWatch}); this only says that the report files exist, and where.
 */
final class RunFinished {
    static final String ADDRESS = "taskstream.run.finished";

    private final CompletableFuture<JsonObject> done = new CompletableFuture<>();
    private final MessageConsumer<JsonObject> consumer;
    private volatile String runId;

    RunFinished(Vertx vertx) {
        consumer = vertx.eventBus().consumer(ADDRESS, m -> {
            if (m.body().getString("runId").equals(runId)) {
                done.complete(m.body());
            }
        });
    }

    /** Completes once the listener is registered on the event bus. */
    io.vertx.core.Future<Void> registered() {
        return consumer.completion();
    }

    /** Starts listening before the run exists, so that a fast run is not missed. */
    void expect(String runId) {
        this.runId = runId;
    }

    JsonObject await(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            Promise<Void> p = Promise.promise();
            consumer.unregister().onComplete(p);
        }
    }
}
