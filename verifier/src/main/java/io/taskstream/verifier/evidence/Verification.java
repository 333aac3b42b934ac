package io.taskstream.verifier.evidence;

import io.taskstream.events.data.RepoCommit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one passed check of a criterion established, as its evidence states it.
 *
 * @param eventId  the {@code criterion.verified} event that reports it
 * @param checks   each check that ran, one line each ({@code CriterionSteps.describeChecks})
 * @param output   the checks' output, redacted as the event carries it
 * @param started  when the checks started
 * @param finished when they ended
 * @param commits  the commits the criterion made elsewhere (GitOps, workspace repositories)
 * @param facts    what the executor's steps established: a pushed image's {@code image} and {@code digest}, ...
 */
public record Verification(String runId, String eventId, String taskId, int criterion, String text, int attempt,
                           String attemptId, List<String> checks, String output, Instant started, Instant finished,
                           List<RepoCommit> commits, Map<String, String> facts) {
    public Verification {
        checks = List.copyOf(checks);
        output = output == null ? "" : output;
        commits = List.copyOf(commits);
        facts = Map.copyOf(facts);
    }
}
