package io.taskstream.reporter.report;

/**
 * How a criterion's last attempt failed, as its events tell.
 *
 * @param cause            {@code run_failed}, {@code timed_out}, {@code verification_failed}, {@code safety_check},
 *                         {@code not_runnable}; null when only a check failed and the executor's decision is not read
 * @param exitCode         the failing step's or check's exit code; -1 when none
 * @param commandOutput    the end of what its commands printed (redacted by the executor); null when none
 * @param checkOutput      the end of what the failed check printed (redacted); null when no check failed or it
 *                         printed nothing
 * @param commandSucceeded its commands of the last attempt exited 0
 * @param checkFailed      the verifier's check of it did not pass
 * @param reason           the decisive reason in one sentence
 */
public record CriterionFailure(String cause, int exitCode, String commandOutput, String checkOutput,
                               boolean commandSucceeded, boolean checkFailed, String reason) {

    /** What a person sees first: the check's output for a failed check, else the command's, else the reason. */
    public String symptom() {
        if (checkFailed && checkOutput != null && !checkOutput.isBlank()) {
            return checkOutput;
        }
        if (!commandSucceeded && commandOutput != null && !commandOutput.isBlank()) {
            return commandOutput;
        }
        return reason;
    }
}
