package io.taskstream.reporter.report;

import io.taskstream.events.data.RepoCommit;
import io.taskstream.reporter.session.AttemptSpan;

import java.time.Instant;
import java.util.List;

/**
 * One acceptance criterion of a task in the report.
 *
 * @param attempts             attempts that started
 * @param retries              retries that came due
 * @param verificationFailures checks of the verifier that did not pass
 * @param durationMillis     time its commands ran, over all attempts
 * @param verificationMillis time the verifier's checks ran
 * @param commands           the commands of the last attempt
 * @param output             the end of what they printed (trimmed, at most 400 characters); null when none ran
 * @param detail             why it ended as it did (failure or skip reason, where it was recorded); may be null
 * @param commit             the commit that recorded its verification; null when not verified
 * @param checks             the checks that proved it, when verified
 * @param repoCommits        commits it made outside the task repo: GitOps, workspace repositories
 * @param leftChanged        workspace files a failed attempt left changed, committed nowhere
 * @param workingDir         where its commands ran, relative to the workspace; empty for the root
 * @param verify             its checks as the task file writes them ({@code verify:} commands, typed actions)
 * @param failure            how its last attempt failed; null when none failed
 * @param skipReason         why the executor did not run it ({@code needs_human}, {@code need_failed},
 *                           {@code filtered}, {@code unavailable}); null when it was not skipped
 * @param spans              its attempts in time
 * @param skippedAt          when it was skipped; null when it was not
 */
public record CriterionReport(int number, String text, CriterionResult result, int attempts, int retries,
                              int verificationFailures, long durationMillis, long verificationMillis,
                              List<String> commands, String output, String detail, String commit,
                              List<String> checks, List<RepoCommit> repoCommits, List<String> leftChanged,
                              String workingDir, List<String> verify, CriterionFailure failure,
                              String skipReason, List<AttemptSpan> spans, Instant skippedAt) {
    public CriterionReport {
        commands = List.copyOf(commands);
        checks = List.copyOf(checks);
        repoCommits = List.copyOf(repoCommits);
        leftChanged = List.copyOf(leftChanged);
        verify = List.copyOf(verify);
        spans = List.copyOf(spans);
    }

    /** The trap of the session reports: its commands succeeded, yet the independent check found the effect absent. */
    public boolean ranButEffectAbsent() {
        return failure != null && failure.commandSucceeded() && failure.checkFailed();
    }
}
