package io.taskstream.verifier.check;

/** What the independent check of a criterion found. */
public sealed interface VerifyOutcome {

    record Passed(long durationMillis, String output) implements VerifyOutcome {
    }

    record Failed(int exitCode, String reason, long durationMillis, String output) implements VerifyOutcome {
    }

    /** Nothing can check this criterion: a person has to. */
    record Unverifiable(String reason) implements VerifyOutcome {
    }
}
