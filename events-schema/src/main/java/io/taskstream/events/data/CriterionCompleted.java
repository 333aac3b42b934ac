package io.taskstream.events.data;

import java.util.List;
import java.util.Map;

/**
 * Every step of the attempt succeeded; the verifier takes it from here.
 *
 * @param outputTail   the end of the combined output, capped and redacted
 * @param outputBytes  how many bytes the steps printed in all
 * @param facts        what the steps established that their checks need, e.g. {@code digest} of a pushed image;
 *                     never secrets
 * @param changedFiles workspace-relative paths of the files the steps changed in the workspace's git repositories
 */
public record CriterionCompleted(int criterion, String text, int attempt, String attemptId, int exitCode,
                                 long durationMillis, String outputTail, long outputBytes, boolean dryRun,
                                 Map<String, String> facts, List<String> changedFiles) implements EventData {
    public CriterionCompleted {
        facts = facts == null ? Map.of() : Map.copyOf(facts);
        changedFiles = changedFiles == null ? List.of() : List.copyOf(changedFiles);
    }

    /** A completion with no facts and no changed files. */
    public CriterionCompleted(int criterion, String text, int attempt, String attemptId, int exitCode,
                              long durationMillis, String outputTail, long outputBytes, boolean dryRun) {
        this(criterion, text, attempt, attemptId, exitCode, durationMillis, outputTail, outputBytes, dryRun,
                Map.of(), List.of());
    }
}
