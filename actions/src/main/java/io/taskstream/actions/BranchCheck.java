package io.taskstream.actions;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Seed 001's first safety check: the working directory is on the branch the task names. */
final class BranchCheck {
    private BranchCheck() {
    }

    /** @return why the directory is not on the expected branch, or empty when it is (or none is expected) */
    static Optional<String> problem(String expected, Path dir) {
        if (expected.isEmpty()) {
            return Optional.empty();
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
        if (builder.getGitDir() == null) {
            return Optional.of(dir + " is not in a git work tree; the task expects branch " + expected);
        }
        try (Repository repo = builder.build()) {
            String actual = repo.getBranch();
            return expected.equals(actual) ? Optional.empty()
                    : Optional.of(dir + " is on branch " + actual + ", the task expects " + expected);
        } catch (IOException e) {
            return Optional.of("cannot read the git branch of " + dir + ": " + e.getMessage());
        }
    }
}
