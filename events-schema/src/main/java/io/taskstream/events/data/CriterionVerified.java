package io.taskstream.events.data;

import java.util.List;

/**
 * The verifier's independent check passed and the box is checked in the task repo.
 *
 * @param commit  the task repo commit that records it
 * @param checks  what proved it: each check that ran, one line each (command or typed action)
 * @param commits commits the criterion made elsewhere: the GitOps repo, workspace repositories it changed
 */
public record CriterionVerified(int criterion, String text, int attempt, String commit, long durationMillis,
                                String outputTail, List<String> checks, List<RepoCommit> commits)
        implements EventData {
    public CriterionVerified {
        checks = checks == null ? List.of() : List.copyOf(checks);
        commits = commits == null ? List.of() : List.copyOf(commits);
    }

    /** A verification that names no checks and made no other commits. */
    public CriterionVerified(int criterion, String text, int attempt, String commit, long durationMillis,
                             String outputTail) {
        this(criterion, text, attempt, commit, durationMillis, outputTail, List.of(), List.of());
    }
}
