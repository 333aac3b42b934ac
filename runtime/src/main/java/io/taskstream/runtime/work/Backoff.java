package io.taskstream.runtime.work;

/** How long to pause after work failed again: doubling from half a second, at most 30 seconds. */
public final class Backoff {
    private static final long FIRST_MS = 500;
    private static final long MAX_MS = 30_000;

    private Backoff() {
    }

    /** @param failures failures in a row, the latest included (1 after the first) */
    public static long afterFailures(int failures) {
        return Math.min(MAX_MS, FIRST_MS << Math.min(Math.max(failures - 1, 0), 6));
    }
}
