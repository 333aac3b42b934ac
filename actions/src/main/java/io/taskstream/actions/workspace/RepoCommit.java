package io.taskstream.actions.workspace;

/**
 * What recording a criterion did in one repository.
 *
 * @param repo   the repository's workspace-relative directory, {@code "."} for the root
 * @param commit the new commit's id, or HEAD's when there was nothing to commit; {@code null} if no commit could be made
 * @param branch the branch committed on, or {@code null} on a detached HEAD
 * @param pushed whether the remote's branch now has the commit
 * @param note   why it was not committed or pushed, e.g. {@code not pushed: no remote}; empty when committed and pushed
 */
public record RepoCommit(String repo, String commit, String branch, boolean pushed, String note) {
}
