package io.taskstream.reporter.report;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a task of the run ended up (or stands, when the run is not finished). */
public enum TaskStatus {
    COMPLETED("Completed"),
    BLOCKED("Blocked"),
    /** Ready and running: not every criterion has an outcome yet. */
    IN_PROGRESS("In progress"),
    /** Held back until its dependencies complete, which they still may in this run. */
    WAITING("Waiting"),
    /** Held back on a dependency that will not complete in this run (blocked, withdrawn, invalid, missing). */
    HELD_BACK("Held back"),
    /**
     * Taken out of the run: its file was deleted or archived by hand (an incremental scan saw it), or another
     * run already works on it (the executor refused it).
     */
    WITHDRAWN("Withdrawn"),
    /** A dry run planned it: the executor said what it would run; nothing ran and nothing was recorded. */
    PLANNED("Planned (dry run)");

    private final String label;

    TaskStatus(String label) {
        this.label = label;
    }

    /** The word a person reads in the report. */
    public String label() {
        return label;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
