package io.taskstream.events.data;

/**
 * Every criterion of the task is verified; the file moved to {@code tasks/completed/}.
 *
 * @param commit the task repo commit that archived it
 */
public record TaskCompleted(String title, String commit, String archivedPath, int criteria) implements EventData {
}
