package io.taskstream.task;

import java.util.Locale;

/**
 * How urgent a task is. Declaration order is urgency order: {@link #CRITICAL} first,
 * {@link #LOW} last.
 */
public enum Priority {
    CRITICAL, HIGH, MEDIUM, LOW;

    /** The priority a task gets when its front matter names none. */
    public static final Priority DEFAULT = MEDIUM;

    /**
     * Sort key: 0 for {@link #CRITICAL} up to 3 for {@link #LOW}; a queue sorts ascending.
     *
     * @return the rank, lower is more urgent
     */
    public int rank() {
        return ordinal();
    }

    /**
     * Parses a priority name, ignoring case and surrounding white space.
     *
     * @param text e.g. {@code "critical"} or {@code "High"}
     * @return the priority
     * @throws IllegalArgumentException if the text names no priority
     */
    public static Priority parse(String text) {
        if (text != null) {
            String wanted = text.strip().toUpperCase(Locale.ROOT);
            for (Priority p : values()) {
                if (p.name().equals(wanted)) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("unknown priority '" + text
                + "' (expected critical, high, medium or low)");
    }
}
