package io.taskstream.reporter.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Locale;

/**
 * A task's outcome in the executor pattern's output contract (seed 002), so that tools written against that
 * contract read the reporter's JSON unchanged.
 *
 * @param success           no criterion failed for good and the task is neither blocked nor withdrawn
 * @param criteria          counts; {@code remaining} is everything not completed, failed ones included
 * @param remainingCriteria every criterion not completed, with the reason
 */
public record TaskResult(
        boolean success,
        @JsonProperty("task_id") String taskId,
        @JsonProperty("task_title") String taskTitle,
        @JsonProperty("task_type") String taskType,
        Counts criteria,
        @JsonProperty("completed_criteria") List<CompletedCriterion> completedCriteria,
        @JsonProperty("remaining_criteria") List<RemainingCriterion> remainingCriteria,
        Status status,
        @JsonProperty("next_steps") String nextSteps) {

    public TaskResult {
        completedCriteria = List.copyOf(completedCriteria);
        remainingCriteria = List.copyOf(remainingCriteria);
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

    /** A criterion that is not completed, and why. */
    public record RemainingCriterion(String criterion, String reason) {
    }

    /** The contract's task statuses. */
    public enum Status {
        READY_FOR_VERIFICATION, PARTIALLY_COMPLETE, BLOCKED, COMPLETED;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
