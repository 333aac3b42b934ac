package io.taskstream.events.data;

/**
 * A commit a verified criterion made in a repository other than the task repo: the GitOps repo, or a
 * repository under the workspace that the criterion's steps changed.
 *
 * @param repository the GitOps remote, or the repository's directory relative to the workspace ({@code .} for the root)
 * @param commit     the commit id; empty when no commit could be made (the note says why)
 * @param branch     the branch it is on
 * @param pushed     whether the branch was pushed to a remote
 * @param note       why it was not pushed, or what else a person should know; empty when there is nothing to say
 */
public record RepoCommit(String repository, String commit, String branch, boolean pushed, String note) {
    public RepoCommit {
        note = note == null ? "" : note;
        commit = commit == null ? "" : commit;
        branch = branch == null ? "" : branch;
    }
}
