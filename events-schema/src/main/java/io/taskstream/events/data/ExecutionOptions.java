package io.taskstream.events.data;

import java.util.List;

/**
 * How a run executes its tasks (the options of the executor contract).
 *
 * @param dryRun           report what would run, run nothing
 * @param criteriaFilter   only these criterion numbers (empty: all)
 * @param skipVerification record completion without the verifier's check (boxes stay unchecked)
 */
public record ExecutionOptions(boolean dryRun, List<Integer> criteriaFilter, boolean skipVerification) {
    public ExecutionOptions {
        criteriaFilter = criteriaFilter == null ? List.of() : List.copyOf(criteriaFilter);
    }

    public static ExecutionOptions defaults() {
        return new ExecutionOptions(false, List.of(), false);
    }

    public boolean selects(int criterion) {
        return criteriaFilter.isEmpty() || criteriaFilter.contains(criterion);
    }
}
