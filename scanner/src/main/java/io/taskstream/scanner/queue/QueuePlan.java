package io.taskstream.scanner.queue;

import io.taskstream.scanner.scan.InvalidFile;
import io.taskstream.scanner.scan.ScannedTask;

import java.util.List;
import java.util.Map;

/**
 * The scan turned into work.
 *
 * @param ready     tasks whose dependencies are all completed, in the order they should be taken
 * @param waiting   tasks held back, with the dependencies they wait for
 * @param blocked   tasks whose file says {@code status: blocked}: a person has to clear them
 * @param completed tasks already done
 * @param invalid   every file that cannot be used, the dependency problems included
 */
public record QueuePlan(List<ScannedTask> ready, Map<ScannedTask, List<String>> waiting, List<ScannedTask> blocked,
                        List<ScannedTask> completed, List<InvalidFile> invalid) {

    /** 1-based position of a ready task in the queue. */
    public int position(ScannedTask task) {
        return ready.indexOf(task) + 1;
    }
}
