package io.taskstream.events.data;

/**
 * A task whose dependencies are all completed, ready to execute.
 *
 * @param commit        the task repo commit the snapshot was read at
 * @param queuePosition 1-based position in the scan's priority order
 */
public record TaskReady(TaskSnapshot task, String commit, int queuePosition, ExecutionOptions options)
        implements EventData {
}
