package io.taskstream.runtime.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.util.io.DisabledOutputStream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /**
     * Fetches the remote branch without touching the work tree: what an incremental read needs, since it
     * reads the changed files from the object database. Clones first when there is no clone yet.
     *
     * @return the remote branch's newest commit
     */
    public synchronized String fetch() throws GitException {
        if (git == null) {
            return sync();
        }
        try {
            git.fetch().setRemote("origin").call();
            ObjectId id = git.getRepository().resolve("refs/remotes/origin/" + branch);
            if (id == null) {
                throw new GitException("the remote has no branch " + branch, null);
            }
            return id.name();
        } catch (GitAPIException | IOException e) {
            throw new GitException("cannot fetch " + remote + " (" + branch + "): " + e.getMessage(), e);
        }
    }

    /**
     * A file as a commit holds it.
     *
     * @param bytes null when the file is larger than the limit it was read with
     */
    public record Blob(byte[] bytes, boolean symlink, long size) {
    }

    /**
     * The file at {@code path} in {@code commit}, read from the object database; empty when there is none.
     * A file over {@code maxBytes} is not loaded, only sized.
     */
    public synchronized java.util.Optional<Blob> read(String commit, String path, long maxBytes) throws GitException {
        Repository repository = git.getRepository();
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit c = walk.parseCommit(repository.resolve(commit));
            try (TreeWalk tree = TreeWalk.forPath(repository, path, c.getTree())) {
                if (tree == null || tree.getFileMode(0).getObjectType() != org.eclipse.jgit.lib.Constants.OBJ_BLOB) {
                    return java.util.Optional.empty();
                }
                boolean link = tree.getFileMode(0) == FileMode.SYMLINK;
                org.eclipse.jgit.lib.ObjectLoader loader = repository.open(tree.getObjectId(0));
                long size = loader.getSize();
                return java.util.Optional.of(new Blob(size > maxBytes ? null : loader.getBytes(), link, size));
            }
        } catch (IOException e) {
            throw new GitException("cannot read " + path + " at " + commit + ": " + e.getMessage(), e);
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

    /** The trailer that marks the pipeline's own commits. */
    public static final String RUN_TRAILER = "Taskstream-Run: ";

    /**
     * One path that changed between two commits; for a rename both paths are given.
     *
     * @param byPipeline every commit that touched it in the range was the pipeline's own (it carries
     *                   {@link #RUN_TRAILER}): nothing a person changed
     */
    public record Change(String oldPath, String newPath, boolean byPipeline) {
        public boolean deleted() {
            return newPath == null;
        }
    }

    /**
     * What changed below {@code folder} between two commits, renames detected.
     *
     * @throws GitException when a commit is unknown (e.g. history was rewritten): the caller rescans in full
     */
    public synchronized List<Change> changes(String from, String to, String folder) throws GitException {
        Repository repository = git.getRepository();
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader);
             DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            CanonicalTreeParser oldTree = new CanonicalTreeParser(null, reader,
                    walk.parseCommit(repository.resolve(from)).getTree());
            CanonicalTreeParser newTree = new CanonicalTreeParser(null, reader,
                    walk.parseCommit(repository.resolve(to)).getTree());
            diff.setRepository(repository);
            diff.setDetectRenames(true);
            diff.setPathFilter(PathFilter.create(folder));
            Set<String> byPeople = pathsChangedByPeople(repository, from, to, folder);
            List<Change> changes = new ArrayList<>();
            for (DiffEntry e : diff.scan(oldTree, newTree)) {
                String oldPath = e.getChangeType() == DiffEntry.ChangeType.ADD
                        || e.getChangeType() == DiffEntry.ChangeType.COPY ? null : e.getOldPath();
                String newPath = e.getChangeType() == DiffEntry.ChangeType.DELETE ? null : e.getNewPath();
                boolean byPipeline = !byPeople.contains(oldPath) && !byPeople.contains(newPath);
                changes.add(new Change(oldPath, newPath, byPipeline));
            }
            return changes;
        } catch (IOException | GitAPIException | RuntimeException e) {
            throw new GitException("cannot diff " + from + ".." + to + ": " + e.getMessage(), e);
        }
    }

    /** Paths below the folder that some commit in the range, not made by the pipeline, touched. */
    private Set<String> pathsChangedByPeople(Repository repository, String from, String to, String folder)
            throws IOException, GitAPIException {
        Set<String> paths = new HashSet<>();
        for (RevCommit commit : git.log().addRange(repository.resolve(from), repository.resolve(to)).call()) {
            if (commit.getFullMessage().contains("\n" + RUN_TRAILER) || commit.getParentCount() == 0) {
                continue;
            }
            try (DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE);
                 RevWalk walk = new RevWalk(repository)) {
                diff.setRepository(repository);
                diff.setPathFilter(PathFilter.create(folder));
                RevCommit parent = walk.parseCommit(commit.getParent(0).getId());
                for (DiffEntry e : diff.scan(parent.getTree(), walk.parseCommit(commit.getId()).getTree())) {
                    paths.add(e.getOldPath());
                    paths.add(e.getNewPath());
                }
            }
        }
        return paths;
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
