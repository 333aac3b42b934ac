package io.taskstream.reporter.report.insight;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What kind of problem a critical issue is, in the words a person would use. */
public enum IssueKind {
    /** The trap of the hand-written reports: the command exited 0, the independent check found nothing. */
    EFFECT_ABSENT("the command ran but its effect is absent"),
    COMMAND_FAILED("the command failed"),
    TIMED_OUT("the command ran past its timeout"),
    SAFETY_CHECK("a safety check refused to run it"),
    NOT_RUNNABLE("the step could not be started"),
    UNVERIFIABLE("nothing can check it"),
    NEEDS_PERSON("a person has to do it"),
    UNAVAILABLE("a part it needs is not available here");

    private final String words;

    IssueKind(String words) {
        this.words = words;
    }

    /** One clause, e.g. {@code the command ran but its effect is absent}. */
    public String words() {
        return words;
    }

    /** Whether a person, not a fix and a rerun, has to act. */
    public boolean needsPerson() {
        return this == NEEDS_PERSON || this == UNVERIFIABLE;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
