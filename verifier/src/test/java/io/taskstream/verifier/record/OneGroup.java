package io.taskstream.verifier.record;

import io.taskstream.runtime.git.GitTaskRepo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Makes calls from several threads form one group, in the order given: an edit of its own holds the
 * committer busy (changing nothing) until every call waits in the queue behind it.
 */
final class OneGroup {
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(20);

    private OneGroup() {
    }

    /** Runs the calls as one group; returns their futures, all done. */
    static <T> List<Future<T>> of(GitTaskRepo repo, List<Callable<T>> calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size() + 1);
        try {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<String> gate = threads.submit(() -> repo.record(files -> {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException("the group's gate was interrupted");
                }
                return null;
            }));
            holding.await();
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(threads.submit(call));
                awaitPending(repo, futures.size());
            }
            release.countDown();
            gate.get();
            for (Future<T> future : futures) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException failed) {
                    // the caller inspects each future
                }
            }
            return futures;
        } finally {
            threads.shutdownNow();
        }
    }

    private static void awaitPending(GitTaskRepo repo, int count) {
        long start = System.nanoTime();
        while (repo.pendingRecords() < count) {
            if (System.nanoTime() - start > PATIENCE_NANOS) {
                throw new AssertionError("only " + repo.pendingRecords() + " of " + count + " records wait");
            }
            Thread.onSpinWait();
        }
    }
}
