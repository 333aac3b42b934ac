package io.taskstream.events.data;

/**
 * The verifier's check of a completed criterion did not pass; the executor decides on a retry.
 *
 * @param unverifiable the criterion has no verification at all: never retried, needs a person
 * @param exitCode     the check's exit code; -1 when none ran
 */
public record VerificationFailed(int criterion, String text, int attempt, int exitCode, String outputTail,
                                 String reason, boolean unverifiable) implements EventData {
}
