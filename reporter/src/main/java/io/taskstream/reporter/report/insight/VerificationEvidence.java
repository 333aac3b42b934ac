package io.taskstream.reporter.report.insight;

import io.taskstream.events.data.RepoCommit;

import java.util.List;

/**
 * What proved one verified criterion.
 *
 * @param checks      the checks that passed, one line each
 * @param output      the end of what they printed; null when nothing
 * @param commit      the task repo commit that checked its box
 * @param subject     that commit's subject (see {@link io.taskstream.reporter.session.CommitSubjects})
 * @param repoCommits commits it made in GitOps and workspace repositories, pushed or why not
 */
public record VerificationEvidence(String task, int criterion, String text, int attempts, long verificationMillis,
                                   List<String> checks, String output, String commit, String subject,
                                   List<RepoCommit> repoCommits) {
    public VerificationEvidence {
        checks = List.copyOf(checks);
        repoCommits = List.copyOf(repoCommits);
    }
}
