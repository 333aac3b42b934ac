package io.taskstream.actions.gitops;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A bare clone that reads the remote afresh on every {@link #fetch}: what the check trusts instead of the
 * writer's cached view, and what resets a task branch to the base branch's newest commit. Thread-safe.
 */
final class RemoteView implements AutoCloseable {
    private final String remote;
    private final Path dir;
    private Git git;

    RemoteView(String remote, Path dir) {
        this.remote = remote;
        this.dir = dir;
    }

    /** The remote branch's newest commit, fetched now; null when the remote has no such branch. */
    synchronized ObjectId fetch(String branch) throws IOException {
        try {
            Git g = open();
            String ref = Constants.R_HEADS + branch;
            boolean exists = g.lsRemote().setRemote(remote).setHeads(true).call().stream()
                    .map(Ref::getName).anyMatch(ref::equals);
            if (!exists) {
                return null;
            }
            String tracking = Constants.R_REMOTES + "origin/" + branch;
            g.fetch().setRemote(remote).setRefSpecs(new RefSpec("+" + ref + ":" + tracking))
                    .setTagOpt(TagOpt.NO_TAGS).call();
            return g.getRepository().resolve(tracking);
        } catch (GitAPIException | RuntimeException e) {
            throw new IOException("cannot fetch " + branch + " from " + remote + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes the remote's {@code branch} point at {@code commit}, whatever it pointed at before. The commit came
     * from the remote, so no objects travel; a remote on this machine is pushed to with JGit's in-process
     * receive-pack, which honours the remote's own automatic-GC configuration.
     */
    synchronized void forcePush(ObjectId commit, String branch) throws IOException {
        try {
            for (PushResult result : open().push().setRemote(remote).setForce(true)
                    .setRefSpecs(new RefSpec("+" + commit.name() + ":" + Constants.R_HEADS + branch)).call()) {
                for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                    if (update.getStatus() != RemoteRefUpdate.Status.OK
                            && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                        throw new IOException("the push of " + branch + " to " + remote + " was refused: "
                                + update.getStatus() + (update.getMessage() == null ? "" : " " + update.getMessage()));
                    }
                }
            }
        } catch (GitAPIException | RuntimeException e) {
            throw new IOException("cannot push " + branch + " to " + remote + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code commit} is {@code head} or one of its ancestors; false for a commit not fetched at all. */
    synchronized boolean contains(ObjectId head, ObjectId commit) throws IOException {
        Repository repository = open().getRepository();
        if (!repository.getObjectDatabase().has(commit)) {
            return false;
        }
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.isMergedInto(walk.parseCommit(commit), walk.parseCommit(head));
        }
    }

    /** The file at {@code path} in {@code commit}; empty when there is none. */
    synchronized Optional<byte[]> read(ObjectId commit, String path) throws IOException {
        Repository repository = open().getRepository();
        try (RevWalk walk = new RevWalk(repository);
             TreeWalk tree = TreeWalk.forPath(repository, path, walk.parseCommit(commit).getTree())) {
            if (tree == null || tree.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
                return Optional.empty();
            }
            return Optional.of(repository.open(tree.getObjectId(0)).getBytes());
        }
    }

    private Git open() throws IOException {
        if (git == null) {
            try {
                Files.createDirectories(dir);
                git = Files.exists(dir.resolve("HEAD")) ? Git.open(dir.toFile())
                        : Git.init().setBare(true).setDirectory(dir.toFile()).call();
            } catch (GitAPIException e) {
                throw new IOException("cannot create a clone at " + dir + ": " + e.getMessage(), e);
            }
            // Never collect garbage implicitly: JGit's automatic GC runs in the background.
            StoredConfig config = git.getRepository().getConfig();
            config.setInt("gc", null, "auto", 0);
            config.setInt("gc", null, "autoPackLimit", 0);
            config.save();
        }
        return git;
    }

    @Override
    public synchronized void close() {
        if (git != null) {
            git.close();
            git = null;
        }
    }
}
