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
                        List<ScannedTask> completed, List<InvalidFile> invalid, Map<String, Integer> positions) {

    public QueuePlan(List<ScannedTask> ready, Map<ScannedTask, List<String>> waiting, List<ScannedTask> blocked,
                     List<ScannedTask> completed, List<InvalidFile> invalid) {
        this(ready, waiting, blocked, completed, invalid, positionsOf(ready));
    }

    private static Map<String, Integer> positionsOf(List<ScannedTask> ready) {
        Map<String, Integer> positions = new java.util.HashMap<>();
        for (int i = 0; i < ready.size(); i++) {
            positions.put(ready.get(i).id(), i + 1);
        }
        return positions;
    }

    /** 1-based position of a ready task in the queue; 0 when it is not ready. */
    public int position(ScannedTask task) {
        return positions.getOrDefault(task.id(), 0);
    }
}
