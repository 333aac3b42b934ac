package io.taskstream.actions.probe;

import io.taskstream.actions.StepResult.Failed;
import io.taskstream.events.data.FailureCause;

import java.time.Duration;

/** Small pieces both probes share. */
final class Probes {
    private Probes() {
    }

    static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    /** The check could not finish in time; the endpoint may be starting, so trying again may help. */
    static Failed timedOut(String reason, long millis) {
        return new Failed(FailureCause.TIMED_OUT, -1, reason, millis, "", true);
    }

    /** {@code 10s}, {@code 1m30s} or, under a second or with a fraction, {@code 250 ms}. */
    static String human(Duration d) {
        if (d.toMillisPart() != 0 || d.isZero()) {
            return d.toMillis() + " ms";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        return s % 60 == 0 ? s / 60 + "m" : s / 60 + "m" + s % 60 + "s";
    }

    /** The message of the innermost cause, or its class name when it has none. */
    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m;
    }
}
