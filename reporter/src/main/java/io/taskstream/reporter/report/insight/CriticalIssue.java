package io.taskstream.reporter.report.insight;

import java.util.List;

/**
 * A criterion that failed or could not be verified, with everything a person needs to act on it.
 *
 * @param number       1-based; the report refers to it as {@code issue N}
 * @param kind         what went wrong, in a few words
 * @param symptom      the end of the failing check's or command's output (as redacted in the events), else the reason
 * @param symptomFrom  {@code check}, {@code command} or {@code reason}: where the symptom comes from
 * @param commands     what ran (secrets redacted)
 * @param checks       the checks as the task file writes them
 * @param directory    where it ran, relative to the workspace ({@code .} for the root)
 * @param cause        the decisive reason, said here once
 * @param exitCode     the failing step's or check's exit code; -1 when none
 * @param consequences what it keeps from happening: criteria skipped, the task blocked, tasks held back
 * @param resolution   what would release it
 */
public record CriticalIssue(int number, String task, String taskTitle, int criterion, String criterionText,
                            IssueKind kind, String symptom, String symptomFrom, List<String> commands,
                            List<String> checks, String directory, int attempts, int retries, String cause,
                            int exitCode, List<String> consequences, String resolution) {
    public CriticalIssue {
        commands = List.copyOf(commands);
        checks = List.copyOf(checks);
        consequences = List.copyOf(consequences);
    }

    /** {@code TASK-002 #2}. */
    public String where() {
        return task + " #" + criterion;
    }
}
