package io.taskstream.launcher.cli;

import io.taskstream.scanner.queue.QueuePlan;
import io.taskstream.scanner.queue.TaskQueue;
import io.taskstream.launcher.cli.errors.UserError;
import io.taskstream.scanner.scan.TaskRepoReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a task repo's work tree on disk the way the scanner reads its clone. */
final class LocalRepo {
    private LocalRepo() {
    }

    /** @throws UserError ({@link Exit#INVALID}) when {@code dir} is not a task repo's working tree */
    static QueuePlan plan(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw new UserError(Exit.INVALID, "no directory " + abs + ": pass the task repo's working tree, "
                    + "e.g. a clone of it (DIR)");
        }
        if (!Files.isDirectory(abs)) {
            throw new UserError(Exit.INVALID, abs + " is a file: pass the task repo's working tree (DIR)");
        }
        if (!Files.isDirectory(abs.resolve("tasks"))) {
            throw new UserError(Exit.INVALID, abs + " is not a task repo: it has no tasks/ directory "
                    + "(task files live in tasks/*.md; pass the repo's root)");
        }
        return new TaskQueue().plan(new TaskRepoReader().read(dir, "working tree"));
    }
}
