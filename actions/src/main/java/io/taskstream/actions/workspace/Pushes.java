package io.taskstream.actions.workspace;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.BranchConfig;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

import java.time.Duration;

/** Pushes a branch to its upstream remote, or {@code origin}, and says how it went; never throws. */
final class Pushes {
    static final String NO_REMOTE = "not pushed: no remote";

    private final int timeoutSeconds;

    Pushes(Duration timeout) {
        this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
    }

    record Outcome(boolean pushed, String note) {
    }

    Outcome push(Git git, String branch) {
        if (branch == null) {
            return new Outcome(false, "not pushed: detached HEAD");
        }
        StoredConfig config = git.getRepository().getConfig();
        BranchConfig upstream = new BranchConfig(config, branch);
        String remote = upstream.getPushRemote() != null ? upstream.getPushRemote() : upstream.getRemote();
        String target = upstream.getMerge();
        if (remote == null || BranchConfig.LOCAL_REPOSITORY.equals(remote)) {
            remote = Constants.DEFAULT_REMOTE_NAME;
            target = null;
        }
        if (config.getString("remote", remote, "url") == null) {
            return new Outcome(false, NO_REMOTE);
        }
        if (target == null) {
            target = Constants.R_HEADS + branch;
        }
        String where = remote + "/" + Repository.shortenRefName(target);
        try {
            Iterable<PushResult> results = git.push().setRemote(remote).setTimeout(timeoutSeconds)
                    .setRefSpecs(new RefSpec(Constants.R_HEADS + branch + ":" + target)).call();
            for (PushResult result : results) {
                for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                    if (update.getStatus() != RemoteRefUpdate.Status.OK
                            && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                        return new Outcome(false, "not pushed: " + refused(update, where));
                    }
                }
            }
            return new Outcome(true, "");
        } catch (Exception e) {
            // Transport, authentication and timeout failures alike: the commit stays, the note says why.
            return new Outcome(false, "not pushed to " + where + ": " + e.getMessage());
        }
    }

    private static String refused(RemoteRefUpdate update, String where) {
        String detail = update.getMessage() == null ? "" : ": " + update.getMessage();
        return switch (update.getStatus()) {
            case REJECTED_NONFASTFORWARD -> "push rejected (non-fast-forward) by " + where
                    + ": the remote branch has commits this repository lacks";
            case REJECTED_REMOTE_CHANGED -> "push rejected: " + where + " changed during the push";
            case REJECTED_NODELETE, REJECTED_OTHER_REASON -> "push rejected by " + where + detail;
            default -> "push to " + where + " ended " + update.getStatus() + detail;
        };
    }
}
