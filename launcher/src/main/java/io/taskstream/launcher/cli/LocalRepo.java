package io.taskstream.launcher.cli;

import io.taskstream.scanner.queue.QueuePlan;
import io.taskstream.scanner.queue.TaskQueue;
import io.taskstream.scanner.scan.TaskRepoReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a task repo's work tree on disk the way the scanner reads its clone. */
final class LocalRepo {
    private LocalRepo() {
    }

    static QueuePlan plan(Path dir) throws IOException {
        if (!Files.isDirectory(dir.resolve("tasks"))) {
            throw new IOException(dir.toAbsolutePath() + " has no tasks/ directory");
        }
        return new TaskQueue().plan(new TaskRepoReader().read(dir, "working tree"));
    }
}
