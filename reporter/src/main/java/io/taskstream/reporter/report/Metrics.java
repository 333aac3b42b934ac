package io.taskstream.reporter.report;

/**
 * Counts and times over the criteria of processed tasks; a dry run's planned tasks are left out (their criteria
 * were neither met nor failed).
 *
 * @param attempts       attempts that started
 * @param retries        retries that came due
 * @param commandMillis  time the criteria's commands ran
 * @param commits        distinct task repo commits the run recorded
 * @param basis          what {@code criteriaMet} counts, in words
 * @param taskSuccessPercent tasks completed in percent of the tasks that ran (planned ones left out)
 */
public record Metrics(int criteriaMet, int criteriaTotal, int percentMet, String basis, int taskSuccessPercent,
                      int verified, int alreadyDone,
                      int failed, int skipped, int unverifiable, int attempts, int retries,
                      int verificationFailures, long commandMillis, long verificationMillis, int commits,
                      long durationMillis) {
    /** What the criteria numbers count. */
    public static final String BASIS = "boxes checked in the files of the tasks that ran: verified in this run"
            + " (its check passed and was recorded) or already checked before it; planned tasks left out";
}
