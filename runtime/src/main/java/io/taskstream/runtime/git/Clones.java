package io.taskstream.runtime.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.util.FS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates or opens the clones {@link GitTaskRepo} works in, and saves into each the configuration that keeps
 * JGit from collecting garbage on its own: automatic GC after a fetch runs in the background and may delete a
 * pack that another thread is reading.
 */
final class Clones {
    private Clones() {
    }

    /**
     * Opens the clone at {@code dir} (with a work tree, or bare), or initialises an empty one there that the
     * first fetch fills: unlike a clone command, nothing is fetched before the configuration is saved.
     *
     * @param bare whether a new clone is created without a work tree; an existing clone with one is used as
     *             it is, since only its objects and refs are needed then
     */
    static Git open(String remote, String branch, Path dir, boolean bare) throws IOException, GitAPIException {
        Git git;
        if (Files.isDirectory(dir.resolve(".git"))) {
            git = Git.open(dir.toFile());
        } else if (RepositoryCache.FileKey.isGitRepository(dir.toFile(), FS.DETECTED)) {
            if (!bare) {
                throw new IOException(dir + " is a clone without a work tree, and one with a work tree is needed");
            }
            git = Git.open(dir.toFile());
        } else {
            Files.createDirectories(dir);
            git = Git.init().setBare(bare).setInitialBranch(branch).setDirectory(dir.toFile()).call();
        }
        try {
            configure(git.getRepository(), remote, branch);
        } catch (IOException e) {
            git.close();
            throw e;
        }
        return git;
    }

    /** No implicit GC of any kind, and the remote to fetch from. */
    static void configure(Repository repository, String remote, String branch) throws IOException {
        StoredConfig config = repository.getConfig();
        config.setInt("gc", null, "auto", 0);
        config.setInt("gc", null, "autoPackLimit", 0);
        config.setBoolean("receive", null, "autogc", false);
        config.setString("remote", "origin", "url", remote);
        if (config.getStringList("remote", "origin", "fetch").length == 0) {
            config.setString("remote", "origin", "fetch", trackingSpec(branch));
        }
        config.save();
    }

    /**
     * The remote's notes, fetched beside the branch (a wildcard, since a missing ref named exactly fails the
     * fetch, and a new task repo has no notes yet).
     */
    static final String NOTES_TRACKING_SPEC = "+refs/notes/*:refs/remotes/origin-notes/*";
    /** Where the remote's {@link GitTaskRepo#NOTES_REF} is tracked. */
    static final String NOTES_TRACKING_REF = "refs/remotes/origin-notes/taskstream";

    static String trackingSpec(String branch) {
        return "+refs/heads/" + branch + ":" + trackingRef(branch);
    }

    static String trackingRef(String branch) {
        return "refs/remotes/origin/" + branch;
    }
}
