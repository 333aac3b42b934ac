package io.taskstream.events.data;

import java.util.List;

/**
 * The answer to a dry run: what the executor would run for the task, with nothing run and nothing recorded.
 *
 * @param executor the executor instance that planned it
 */
public record TaskPlanned(String title, String executor, List<PlannedCriterion> criteria) implements EventData {
    public TaskPlanned {
        criteria = List.copyOf(criteria);
    }
}
