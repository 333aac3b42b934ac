package io.taskstream.scanner.scan;

import io.taskstream.task.TaskFile;

/** Finds the line of a front matter key, so that a problem with its value points at it. */
public final class FrontMatterLines {
    private FrontMatterLines() {
    }

    /** @return the 1-based line of {@code key:} in the front matter, or the front matter's first line */
    public static int lineOf(TaskFile file, String key) {
        String[] lines = file.source().split("\r?\n", -1);
        int start = file.frontMatter().startLine();
        int end = Math.min(file.frontMatter().endLine(), lines.length);
        for (int i = start; i < end; i++) {
            if (lines[i].startsWith(key + ":")) {
                return i + 1;
            }
        }
        return start;
    }
}
