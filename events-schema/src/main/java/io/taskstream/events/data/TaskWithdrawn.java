package io.taskstream.events.data;

/**
 * A task that an incremental scan no longer finds where it was: deleted, or moved to {@code tasks/completed/}
 * by hand. Whatever of it was still to run is not started.
 *
 * @param path   where the task file was
 * @param reason what happened to it, e.g. {@code deleted} or {@code moved to tasks/completed/TASK-003.md by hand}
 * @param commit the commit at which the scanner saw it gone
 */
public record TaskWithdrawn(String path, String reason, String commit) implements EventData {
}
