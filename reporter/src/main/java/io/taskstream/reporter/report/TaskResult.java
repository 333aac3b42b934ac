package io.taskstream.reporter.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Locale;

/**
 * A task's outcome in the executor pattern's output contract (seed 002), so that tools written against that
 * contract read the reporter's JSON unchanged.
 *
 * @param success           no criterion failed for good and the task is neither blocked nor withdrawn (a
 *                          task a dry run planned succeeded: the plan is what was asked for)
 * @param criteria          counts; {@code remaining} is everything not completed, failed ones included; a
 *                          planned task completed none
 * @param remainingCriteria every criterion not completed, with the reason; for a planned task every criterion,
 *                          with its plan ({@code dry run: would run}, {@code already done}, ...)
 * @param changes           what the execution changed, as far as the event log tells
 * @param failure           the contract's error shape, for a task where a criterion failed for good; null otherwise
 */
public record TaskResult(
        boolean success,
        @JsonProperty("task_id") String taskId,
        @JsonProperty("task_title") String taskTitle,
        @JsonProperty("task_type") String taskType,
        Counts criteria,
        @JsonProperty("completed_criteria") List<CompletedCriterion> completedCriteria,
        @JsonProperty("remaining_criteria") List<RemainingCriterion> remainingCriteria,
        Changes changes,
        Status status,
        @JsonProperty("next_steps") String nextSteps,
        @JsonUnwrapped Failure failure) {

    public TaskResult {
        completedCriteria = List.copyOf(completedCriteria);
        remainingCriteria = List.copyOf(remainingCriteria);
    }

    /**
     * The contract's error output ({@code success: false}): the first criterion that failed for good.
     *
     * @param error                  a short name of what failed
     * @param message                why
     * @param completedBeforeFailure criteria met before it
     * @param recoverySuggestions    what a person can try
     */
    public record Failure(String error, String message, FailureDetails details,
                          @JsonProperty("completed_before_failure") List<String> completedBeforeFailure,
                          @JsonProperty("recovery_suggestions") List<String> recoverySuggestions) {
    }

    /** Where it failed: the criterion, its command and the end of what it printed. */
    public record FailureDetails(String criterion, String command,
                                 @JsonProperty("error_output") String errorOutput) {
    }

    /** Criterion counts of the contract. */
    public record Counts(int total, int completed, int failed, int remaining) {
    }

    /**
     * A completed criterion.
     *
     * @param command the commands of the attempt that was verified, joined with {@code &&}; empty when none ran
     * @param output  the end of what they printed
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CompletedCriterion(String criterion, String command, String output, String notes) {
    }

    /**
     * What the execution changed.
     *
     * @param filesModified    always empty: the events do not say which files the commands touched (the
     *                         commits in the report say what was recorded in the task repo)
     * @param commandsExecuted the commands of every criterion that ran, in criterion order (secrets redacted);
     *                         empty for a dry run
     */
    public record Changes(@JsonProperty("files_modified") List<String> filesModified,
                          @JsonProperty("commands_executed") List<String> commandsExecuted) {
        public Changes {
            filesModified = List.copyOf(filesModified);
            commandsExecuted = List.copyOf(commandsExecuted);
        }
    }

    /** A criterion that is not completed, and why. */
    public record RemainingCriterion(String criterion, String reason) {
    }

    /** The contract's task statuses, and {@code planned} for a task a dry run planned. */
    public enum Status {
        READY_FOR_VERIFICATION, PARTIALLY_COMPLETE, BLOCKED, COMPLETED, PLANNED;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
