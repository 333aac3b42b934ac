package io.taskstream.runtime.git;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.util.Optional;

/** Files of a commit, read from a clone's object database. */
final class CommitFiles {
    private CommitFiles() {
    }

    /** The file at the path, not loaded (only sized) when over {@code maxBytes}; empty when there is none. */
    static Optional<GitTaskRepo.Blob> read(Repository repository, String commit, String path, long maxBytes)
            throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit c = walk.parseCommit(repository.resolve(commit));
            try (TreeWalk tree = TreeWalk.forPath(repository, path, c.getTree())) {
                if (tree == null || tree.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
                    return Optional.empty();
                }
                boolean link = tree.getFileMode(0) == FileMode.SYMLINK;
                ObjectLoader loader = repository.open(tree.getObjectId(0));
                long size = loader.getSize();
                return Optional.of(new GitTaskRepo.Blob(size > maxBytes ? null : loader.getBytes(), link, size));
            }
        }
    }
}
