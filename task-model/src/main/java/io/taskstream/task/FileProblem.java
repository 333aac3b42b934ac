package io.taskstream.task;

import java.util.Objects;

/**
 * One problem (or warning) found in a task file.
 *
 * @param line    1-based line it concerns; line 1 when it concerns the whole file
 * @param problem a human sentence, without path and line
 */
public record FileProblem(int line, String problem) {
    public FileProblem {
        Objects.requireNonNull(problem, "problem");
    }

    /** @return {@code path:line: problem}, the form editors and terminals link to */
    public String describe(String path) {
        return path + ":" + line + ": " + problem;
    }
}
