package io.taskstream.reporter.report;

/**
 * Counts and times over the criteria of processed tasks; a dry run's planned tasks are left out (their criteria
 * were neither met nor failed).
 *
 * @param attempts       attempts that started
 * @param retries        retries that came due
 * @param commandMillis  time the criteria's commands ran
 * @param commits        distinct task repo commits the run recorded
 */
public record Metrics(int criteriaMet, int criteriaTotal, int percentMet, int verified, int alreadyDone,
                      int failed, int skipped, int unverifiable, int attempts, int retries,
                      int verificationFailures, long commandMillis, long verificationMillis, int commits,
                      long durationMillis) {
}
