package io.taskstream.runtime.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A working clone of the task repo. Every write starts from the remote's newest commit, applies its edit,
 * commits and pushes; when somebody else pushed first, it starts over from their commit. Not thread-safe:
 * one owner at a time.
 */
public final class GitTaskRepo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GitTaskRepo.class);
    private static final int PUSH_ATTEMPTS = 5;

    private final String remote;
    private final String branch;
    private final Path dir;
    private final Identity identity;
    private Git git;

    /** Who the commits are by. */
    public record Identity(String name, String email) {
    }

    public GitTaskRepo(String remote, String branch, Path dir, Identity identity) {
        this.remote = remote;
        this.branch = branch;
        this.dir = dir;
        this.identity = identity;
    }

    public Path workTree() {
        return dir;
    }

    public String branch() {
        return branch;
    }

    /** Brings the clone to the remote branch's newest commit, discarding local changes. */
    public synchronized String sync() throws GitException {
        try {
            if (git == null && Files.isDirectory(dir.resolve(".git"))) {
                git = Git.open(dir.toFile());
            }
            if (git == null) {
                Files.createDirectories(dir.getParent());
                git = Git.cloneRepository().setURI(remote).setDirectory(dir.toFile()).setBranch(branch).call();
            } else {
                git.fetch().setRemote("origin").call();
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef("origin/" + branch).call();
                git.clean().setCleanDirectories(true).setForce(true).call();
            }
            return head();
        } catch (GitAPIException | IOException e) {
            throw new GitException("cannot sync " + remote + " (" + branch + "): " + e.getMessage(), e);
        }
    }

    public synchronized String head() throws GitException {
        try {
            ObjectId id = git.getRepository().resolve("HEAD");
            if (id == null) {
                throw new GitException("the branch " + branch + " has no commit", null);
            }
            return id.name();
        } catch (IOException e) {
            throw new GitException("cannot read HEAD: " + e.getMessage(), e);
        }
    }

    /** Changes the work tree; returns the commit message, or null when there is nothing to change. */
    @FunctionalInterface
    public interface Edit {
        String apply(Path workTree) throws IOException;
    }

    /**
     * Applies the edit on top of the remote's newest commit, commits and pushes.
     *
     * @return the new commit, or the current one when the edit found nothing to change
     */
    public synchronized String commitAndPush(Edit edit) throws GitException {
        for (int attempt = 1; attempt <= PUSH_ATTEMPTS; attempt++) {
            String base = sync();
            String message;
            try {
                message = edit.apply(dir);
            } catch (IOException e) {
                throw new GitException("cannot edit the task repo: " + e.getMessage(), e);
            }
            if (message == null) {
                return base;
            }
            try {
                git.add().addFilepattern(".").call();
                git.add().setUpdate(true).addFilepattern(".").call();
                RevCommit commit = git.commit().setMessage(message)
                        .setAuthor(identity.name(), identity.email())
                        .setCommitter(identity.name(), identity.email()).call();
                if (push()) {
                    return commit.name();
                }
                LOG.info("push of {} rejected (attempt {}), rebuilding on the remote's new commit", commit.name(), attempt);
            } catch (GitAPIException e) {
                throw new GitException("cannot commit or push: " + e.getMessage(), e);
            }
        }
        throw new GitException("gave up after " + PUSH_ATTEMPTS + " rejected pushes to " + remote, null);
    }

    private boolean push() throws GitAPIException {
        Iterable<PushResult> results = git.push().setRemote("origin")
                .setRefSpecs(new RefSpec("HEAD:refs/heads/" + branch)).call();
        for (PushResult result : results) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                RemoteRefUpdate.Status status = update.getStatus();
                if (status == RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD
                        || status == RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED) {
                    return false;
                }
                if (status != RemoteRefUpdate.Status.OK && status != RemoteRefUpdate.Status.UP_TO_DATE) {
                    throw new org.eclipse.jgit.api.errors.TransportException("push refused: " + status
                            + (update.getMessage() == null ? "" : " " + update.getMessage()));
                }
            }
        }
        return true;
    }

    @Override
    public synchronized void close() {
        if (git != null) {
            git.close();
            git = null;
        }
    }

    /** A git operation on the task repo failed. */
    public static final class GitException extends Exception {
        public GitException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
