package io.taskstream.runtime.work;

import io.taskstream.runtime.logging.LogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs work by key on a bounded pool: up to {@code concurrency} keys at once, never two jobs of one key at
 * the same time, in the order asked. Asking again for a key whose job is queued or running runs it once
 * more afterwards (asks in between collapse into one), so a job always sees what happened before it was
 * last asked for. A job that throws is asked for again after a pause that grows while it keeps failing.
 * Keys belong to a group (a partition) that can be closed and waited for as a whole. A job runs with the logging
 * context (MDC, see {@link LogContext}) the thread that last asked for it had.
 */
public final class KeyedWork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyedWork.class);

    /** What runs for a key; may block. */
    @FunctionalInterface
    public interface Job {
        void run() throws Exception;
    }

    private final ExecutorService pool;
    private final ScheduledExecutorService timer;
    private final Map<String, KeyState> keys = new HashMap<>();
    private final Map<String, Integer> activeByGroup = new HashMap<>();
    private final java.util.Set<String> closedGroups = new java.util.HashSet<>();

    public KeyedWork(int concurrency, String name) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(concurrency, r -> daemon(r, name + "-" + n.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-retry"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Runs the key's job soon, or once more after the one queued or running now. */
    public synchronized void submit(String group, String key, Job job) {
        if (closedGroups.contains(group) || pool.isShutdown()) {
            return;
        }
        Map<String, String> context = LogContext.capture();
        KeyState state = keys.get(key);
        if (state != null) {
            state.again = true;
            state.job = job;
            state.context = context;
            return;
        }
        state = new KeyState(group, job, context);
        keys.put(key, state);
        activeByGroup.merge(group, 1, Integer::sum);
        KeyState s = state;
        pool.execute(() -> runKey(key, s));
    }

    private void runKey(String key, KeyState state) {
        while (true) {
            Job job;
            Map<String, String> context;
            synchronized (this) {
                state.again = false;
                job = state.job;
                context = state.context;
            }
            boolean failed;
            try (LogContext.Scope s = LogContext.install(context)) {
                failed = runOnce(key, state, job);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finish(key, state);
                return;
            }
            synchronized (this) {
                if (failed || !state.again || closedGroups.contains(state.group)) {
                    if (!failed) {
                        finish(key, state);
                    }
                    return;
                }
            }
        }
    }

    /** @return whether the job failed (it is then asked for again later) */
    private boolean runOnce(String key, KeyState state, Job job) throws InterruptedException {
        try {
            job.run();
            state.failures = 0;
            return false;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            state.failures++;
            long pause = Backoff.afterFailures(state.failures);
            LOG.error("work on {} failed (failure {}); trying again in {} ms", key, state.failures, pause, e);
            retryLater(key, state, pause);
            return true;
        }
    }

    private void retryLater(String key, KeyState state, long pauseMs) {
        synchronized (this) {
            if (closedGroups.contains(state.group)) {
                finish(key, state);
                return;
            }
            state.waitingRetry = true;
        }
        try {
            timer.schedule(() -> {
                synchronized (this) {
                    state.waitingRetry = false;
                    if (closedGroups.contains(state.group) || pool.isShutdown()) {
                        finish(key, state);
                        return;
                    }
                    pool.execute(() -> runKey(key, state));
                }
            }, pauseMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            finish(key, state);
        }
    }

    private synchronized void finish(String key, KeyState state) {
        if (keys.get(key) == state) {
            keys.remove(key);
            activeByGroup.computeIfPresent(state.group, (g, n) -> n <= 1 ? null : n - 1);
            notifyAll();
        }
    }

    /**
     * Takes no new work for the group and waits, bounded, until its running jobs end (queued ones and
     * retries are dropped when their turn comes).
     *
     * @return whether the group is idle
     */
    public synchronized boolean closeGroup(String group, Duration wait) {
        closedGroups.add(group);
        keys.entrySet().stream().filter(e -> e.getValue().group.equals(group) && e.getValue().waitingRetry)
                .toList().forEach(e -> finish(e.getKey(), e.getValue()));
        return Monitors.awaitUntil(this, () -> !activeByGroup.containsKey(group),
                System.currentTimeMillis() + wait.toMillis());
    }

    /** Stops at once: running jobs are interrupted, as a crash would. */
    public void halt() {
        timer.shutdownNow();
        pool.shutdownNow();
    }

    @Override
    public void close() {
        halt();
    }

    private static final class KeyState {
        final String group;
        Job job;
        Map<String, String> context;
        boolean again;
        boolean waitingRetry;
        int failures;

        KeyState(String group, Job job, Map<String, String> context) {
            this.group = group;
            this.job = job;
            this.context = context;
        }
    }
}
