package io.taskstream.launcher.health;

import java.time.Instant;

/** One thing {@code /health/ready} asks about: the broker, the task repo. */
public interface ReadinessCheck extends AutoCloseable {
    /** @param problem null when usable, else why not, in words for the probe's body */
    record Verdict(String problem, Instant at) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** The verdict, possibly a recent one kept. Blocking: call it off the event loop. */
    Verdict check();

    /** @return null when usable, else why not */
    default String problem() {
        return check().problem();
    }

    @Override
    void close();
}
