package io.taskstream.events.data;

/**
 * A task file that cannot be used; nothing of it is executed. Subject: its task id if known, else its path.
 *
 * @param line 1-based; 0 when the problem is the whole file
 */
public record TaskInvalid(String path, int line, String problem, String commit) implements EventData {
}
