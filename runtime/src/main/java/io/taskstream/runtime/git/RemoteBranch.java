package io.taskstream.runtime.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;

import java.nio.file.Path;

/** The branch of the remote that commits are published to. */
interface RemoteBranch extends AutoCloseable {
    /**
     * Makes {@code commit} (whose parent is {@code base}) the remote branch's commit, provided the branch is
     * still at {@code base}.
     *
     * @param objects every object the commit adds to what {@code base} has
     * @return false when the branch is no longer at {@code base}: somebody else published first
     * @throws Exception when the remote cannot be reached or refuses for another reason (worth a retry)
     */
    boolean publish(ObjectId base, ObjectId commit, NewObjects objects) throws Exception;

    /**
     * The same for the remote's {@link GitTaskRepo#NOTES_REF}: makes {@code commit} its commit, provided it is
     * still at {@code base} (null: provided it does not exist yet).
     */
    boolean publishNotes(ObjectId base, ObjectId commit, NewObjects objects) throws Exception;

    @Override
    void close();

    /**
     * A remote on this machine (a {@code file:} URL or a path) is written directly, everything else through
     * JGit's push. Pushing to a local remote would run JGit's receive-pack in this process, and that
     * garbage-collects the remote when the remote's own configuration asks for it.
     */
    static RemoteBranch of(String url, String branch, Git clone) {
        Path local = LocalRemoteBranch.pathOf(url);
        return local != null ? new LocalRemoteBranch(local, branch) : new PushedRemoteBranch(clone, branch);
    }
}
