package io.taskstream.reporter.report;

import com.fasterxml.jackson.annotation.JsonValue;
import io.taskstream.runtime.progress.Phase;

import java.util.Locale;

/** A criterion's result as the report shows it, from its {@link Phase} at the end of the run. */
public enum CriterionResult {
    VERIFIED("verified ✓", true),
    ALREADY_DONE("already done", true),
    FAILED("failed", false),
    SKIPPED("skipped", false),
    UNVERIFIABLE("unverifiable", false),
    VERIFICATION_FAILED("verification failed", false),
    AWAITING_VERIFICATION("awaiting verification", false),
    RETRY_PENDING("retry pending", false),
    RUNNING("running", false),
    NOT_RUN("not run", false),
    /** Part of a dry run's plan: not run, whatever the plan (the detail says which); never met or failed. */
    PLANNED("planned", false);

    private final String label;
    private final boolean met;

    CriterionResult(String label, boolean met) {
        this.label = label;
        this.met = met;
    }

    public static CriterionResult of(Phase phase) {
        return switch (phase) {
            case ALREADY_DONE -> ALREADY_DONE;
            case PENDING -> NOT_RUN;
            case RUNNING -> RUNNING;
            case AWAITING_VERIFICATION -> AWAITING_VERIFICATION;
            case VERIFICATION_FAILED -> VERIFICATION_FAILED;
            case RETRY_WAIT -> RETRY_PENDING;
            case VERIFIED -> VERIFIED;
            case FAILED -> FAILED;
            case SKIPPED -> SKIPPED;
            case UNVERIFIABLE -> UNVERIFIABLE;
        };
    }

    /** The words in the report's criteria tables. */
    public String label() {
        return label;
    }

    /** Its box is checked in the task file: verified in this run or before it. */
    public boolean met() {
        return met;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
