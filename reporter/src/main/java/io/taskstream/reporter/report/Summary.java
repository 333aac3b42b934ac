package io.taskstream.reporter.report;

import java.time.Instant;

/**
 * The run in numbers.
 *
 * @param tasks              tasks the scan listed as ready, waiting or withdrawn
 * @param processed          tasks that became ready and ran (or, in a dry run, were planned)
 * @param withdrawn          tasks withdrawn from the run (deleted or archived by hand, or run elsewhere), whether
 *                           they became ready first or not
 * @param planned            tasks a dry run planned (ran nothing, recorded nothing)
 * @param waiting            tasks that never became ready (waiting or held back)
 * @param invalid            task files that could not be used
 * @param completedBeforeRun tasks already in {@code tasks/completed/} when the scan ran
 * @param blockedBeforeRun   tasks whose file already said {@code status: blocked}; not run
 * @param criteriaMet        criteria of processed tasks whose box is checked; planned tasks left out
 * @param criteriaTotal      criteria of processed tasks; planned tasks left out (a dry run neither met nor
 *                           failed any)
 * @param criteriaWouldRun   criteria of planned tasks that a run without dry run would execute
 */
public record Summary(int tasks, int processed, int completed, int blocked, int withdrawn, int planned, int waiting,
                      int invalid, int completedBeforeRun, int blockedBeforeRun, int criteriaMet, int criteriaTotal,
                      int percentMet, int criteriaWouldRun, Instant startedAt, Instant endedAt,
                      long durationMillis) {
}
