package io.taskstream.reporter.report;

import io.taskstream.events.data.PlannedCriterion;

import java.time.Instant;
import java.util.List;

/**
 * What a dry run would do with a task: the executor's {@code task.planned}. Nothing of it was run or recorded.
 *
 * @param executor  the executor instance that planned it
 * @param wouldRun  criteria whose plan is {@code run}
 * @param criteria  every criterion with its plan ({@code run}, {@code already-done}, {@code filtered},
 *                  {@code needs-human}), its commands (secrets redacted), working directory, env names, timeout,
 *                  checks and needs
 * @param time      when the plan was recorded
 */
public record Plan(String executor, int wouldRun, List<PlannedCriterion> criteria, Instant time) {
    public static final String RUN = "run";
    public static final String ALREADY_DONE = "already-done";
    public static final String FILTERED = "filtered";
    public static final String NEEDS_HUMAN = "needs-human";

    public Plan {
        criteria = List.copyOf(criteria);
    }

    /** How many criteria have the given plan. */
    public int count(String plan) {
        return (int) criteria.stream().filter(c -> plan.equals(c.plan())).count();
    }

    /** The plan in the report's words, e.g. {@code would run}. */
    static String label(String plan) {
        return switch (plan == null ? "" : plan) {
            case RUN -> "would run";
            case ALREADY_DONE -> "already done";
            case FILTERED -> "filtered out";
            case NEEDS_HUMAN -> "needs a person";
            default -> plan == null || plan.isBlank() ? "-" : plan;
        };
    }

    /** Why a planned criterion is not completed, in the executor contract's {@code remaining_criteria}. */
    static String reason(String plan) {
        return switch (plan == null ? "" : plan) {
            case RUN -> "dry run: would run";
            case ALREADY_DONE -> "already done";
            case FILTERED -> "dry run: filtered out by the criteria filter";
            case NEEDS_HUMAN -> "dry run: needs a person (no executable step)";
            default -> "dry run: " + label(plan);
        };
    }
}
