package io.taskstream.task;

import java.util.Objects;

/**
 * One bullet of the {@code ## Progress Log} section.
 *
 * @param text the bullet's text after {@code "- "}, continuation lines joined with a space
 * @param line 1-based line of the bullet
 */
public record LogEntry(String text, int line) {
    /** Validates the components. */
    public LogEntry {
        Objects.requireNonNull(text, "text");
    }
}
