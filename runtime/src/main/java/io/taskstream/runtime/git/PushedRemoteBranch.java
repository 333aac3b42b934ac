package io.taskstream.runtime.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * A remote reached over a transport (ssh, https, git): published with JGit's push, which the remote accepts
 * only as a fast-forward of what it has; housekeeping on that side is the remote's own business.
 */
final class PushedRemoteBranch implements RemoteBranch {
    private final Git clone;
    private final String branch;

    PushedRemoteBranch(Git clone, String branch) {
        this.clone = clone;
        this.branch = branch;
    }

    @Override
    public boolean publish(ObjectId base, ObjectId commit, NewObjects objects) throws Exception {
        return push(commit, "refs/heads/" + branch, objects);
    }

    /** A notes commit is built on the notes the remote had, so a push that is no fast-forward was overtaken. */
    @Override
    public boolean publishNotes(ObjectId base, ObjectId commit, NewObjects objects) throws Exception {
        return push(commit, GitTaskRepo.NOTES_REF, objects);
    }

    private boolean push(ObjectId commit, String ref, NewObjects objects) throws Exception {
        objects.insertInto(clone.getRepository());
        Iterable<PushResult> results = clone.push().setRemote("origin")
                .setRefSpecs(new RefSpec(commit.name() + ":" + ref)).call();
        for (PushResult result : results) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                RemoteRefUpdate.Status status = update.getStatus();
                if (status == RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD
                        || status == RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED) {
                    return false;
                }
                if (status != RemoteRefUpdate.Status.OK && status != RemoteRefUpdate.Status.UP_TO_DATE) {
                    throw new TransportException("push refused: " + status
                            + (update.getMessage() == null ? "" : " " + update.getMessage()));
                }
            }
        }
        return true;
    }

    @Override
    public void close() {
        // the clone belongs to the repo
    }
}
