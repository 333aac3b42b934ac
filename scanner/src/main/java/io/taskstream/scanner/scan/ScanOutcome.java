package io.taskstream.scanner.scan;

import io.taskstream.scanner.queue.QueuePlan;

import java.util.List;
import java.util.Set;

/**
 * One scan's result: the whole queue, and which of it to announce.
 *
 * @param previousCommit where an incremental scan started; empty for a full scan
 * @param announce       task ids (or paths of files without one) whose events are emitted; all of them for a full scan
 * @param withdrawn      tasks found deleted or moved to completed by hand
 */
public record ScanOutcome(String commit, String previousCommit, boolean incremental, QueuePlan plan,
                          Set<String> announce, List<Withdrawal> withdrawn) {

    /** A task that is gone from where it was. */
    public record Withdrawal(String taskId, String path, String reason) {
    }

    public boolean announces(String key) {
        return announce.contains(key);
    }
}
