package io.taskstream.runtime.work;

import java.util.function.BooleanSupplier;

/** Waiting on an object's monitor for a condition, with a deadline. */
public final class Monitors {
    private Monitors() {
    }

    /**
     * Waits on {@code monitor}, whose lock the caller holds, until {@code done} holds or the deadline passes;
     * whoever changes the condition calls {@code notifyAll} on it.
     *
     * @return whether the condition holds; false at the deadline or when interrupted (the flag is kept)
     */
    public static boolean awaitUntil(Object monitor, BooleanSupplier done, long deadlineMillis) {
        try {
            while (!done.getAsBoolean()) {
                long left = deadlineMillis - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                monitor.wait(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
