package io.taskstream.reporter.report.insight;

import java.time.Instant;
import java.util.List;

/**
 * The commits the run made in one repository.
 *
 * @param repository the task repo's URL, the GitOps remote, or a workspace repository's directory
 * @param role       {@code task repo}, {@code GitOps} or {@code workspace}
 */
public record RepoOperations(String repository, String role, List<Commit> commits) {
    public RepoOperations {
        commits = List.copyOf(commits);
    }

    /** Commits pushed to a remote. */
    public int pushed() {
        return (int) commits.stream().filter(Commit::pushed).count();
    }

    /**
     * One commit.
     *
     * @param subject   its subject line (see {@link io.taskstream.reporter.session.CommitSubjects})
     * @param exact     the subject is the one git holds; false when the events only allow a description
     * @param pushed    whether it reached the remote
     * @param note      why it was not pushed, or what else to know; empty when nothing
     * @param records   what it recorded, one line each, e.g. {@code TASK-1 #2}
     */
    public record Commit(String sha, String shortSha, Instant time, String branch, String subject, boolean exact,
                         boolean pushed, String note, List<String> records) {
        public Commit {
            records = List.copyOf(records);
        }
    }
}
