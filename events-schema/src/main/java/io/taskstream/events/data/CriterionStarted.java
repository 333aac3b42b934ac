package io.taskstream.events.data;

import java.util.List;

/**
 * The executor begins one attempt at a criterion.
 *
 * @param attempt   1 for the first try, 2 for the first retry, ...
 * @param attemptId unique per execution, so a re-run after a crash is visible as a new attempt id
 * @param executor  the executor instance
 * @param commands  what it runs (secrets redacted)
 */
public record CriterionStarted(int criterion, String text, int attempt, String attemptId, String executor,
                               List<String> commands, String workingDir, boolean dryRun) implements EventData {
    public CriterionStarted {
        commands = List.copyOf(commands);
    }
}
