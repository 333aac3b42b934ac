package io.taskstream.events.data;

import java.util.List;

/**
 * What one scan found; the reporter uses it to know every task the run is about. Subject: the run id.
 *
 * @param commit    the scanned commit
 * @param ready     task ids emitted as ready, in queue order
 * @param waiting   task ids held until their dependencies complete
 * @param invalid   paths of files that could not be used
 * @param completed task ids already in {@code tasks/completed/}
 * @param blocked   task ids whose file says {@code status: blocked}: not run until a person clears it
 * @param withdrawn task ids an incremental scan found deleted or moved to completed by hand
 * @param incremental only the files changed since {@code previousCommit} were read; the lists name only them
 * @param previousCommit the commit the incremental scan started from; empty for a full scan
 */
public record ScanCompleted(String repository, String branch, String commit, List<String> ready,
                            List<String> waiting, List<String> invalid, List<String> completed,
                            List<String> blocked, List<String> withdrawn, boolean incremental,
                            String previousCommit) implements EventData {
    public ScanCompleted {
        ready = List.copyOf(ready);
        waiting = List.copyOf(waiting);
        invalid = List.copyOf(invalid);
        completed = List.copyOf(completed);
        blocked = List.copyOf(blocked);
        withdrawn = List.copyOf(withdrawn);
    }
}
