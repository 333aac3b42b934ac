package io.taskstream.runtime.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes what a service opened, in the order given; a failure is logged and the rest is still closed. */
public final class Resources {
    private static final Logger LOG = LoggerFactory.getLogger(Resources.class);

    private Resources() {
    }

    /** Closes each non-null resource in turn: consumers before the producer they publish with. */
    public static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", r.getClass().getSimpleName(), e);
            }
        }
    }
}
