package io.taskstream.task.parse;

/**
 * A task file that cannot be used. Checked on purpose: a caller must decide what to do
 * with a bad file (report it, skip it) and never half-execute it.
 * The message is {@code "path:line: problem"}.
 */
public class TaskFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final int line;
    private final String problem;

    /**
     * @param path    repo-relative path of the file
     * @param line    1-based line of the problem, 0 if it concerns the whole file
     * @param problem a human sentence
     */
    public TaskFileException(String path, int line, String problem) {
        this(path, line, problem, null);
    }

    /**
     * @param path    repo-relative path of the file
     * @param line    1-based line of the problem, 0 if it concerns the whole file
     * @param problem a human sentence
     * @param cause   the underlying error, if any
     */
    public TaskFileException(String path, int line, String problem, Throwable cause) {
        super(path + ":" + line + ": " + problem, cause);
        this.path = path;
        this.line = line;
        this.problem = problem;
    }

    /** @return repo-relative path of the file */
    public String path() {
        return path;
    }

    /** @return 1-based line of the problem, 0 if it concerns the whole file */
    public int line() {
        return line;
    }

    /** @return the problem as a human sentence, without path and line */
    public String problem() {
        return problem;
    }
}
