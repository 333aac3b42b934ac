package io.taskstream.scanner.scan;

import io.taskstream.task.TaskFile;

/** A task file that parsed, with the folder it lives in. */
public record ScannedTask(TaskFile file, Folder folder) implements ReadResult {

    @Override
    public String path() {
        return file.path();
    }

    /** By path: hashing the whole parsed file (front matter map, criteria, steps) on every lookup is costly. */
    @Override
    public int hashCode() {
        return file.path().hashCode();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScannedTask other && folder == other.folder && file.path().equals(other.file.path())
                && (file == other.file || file.equals(other.file));
    }

    public String id() {
        return file.id();
    }

    /** In {@code tasks/completed/}, or marked completed in place: counts as done for its dependents. */
    public boolean completed() {
        return folder == Folder.COMPLETED || "completed".equalsIgnoreCase(file.frontMatter().status());
    }

    /** Marked blocked by the pipeline or a person: not run again until somebody clears the status. */
    public boolean blocked() {
        return !completed() && "blocked".equalsIgnoreCase(file.frontMatter().status());
    }
}
