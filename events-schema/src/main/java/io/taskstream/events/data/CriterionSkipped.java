package io.taskstream.events.data;

/** A criterion the executor did not run, and why. */
public record CriterionSkipped(int criterion, String text, SkipReason reason, String detail) implements EventData {
}
