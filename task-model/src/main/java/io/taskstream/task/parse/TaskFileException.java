package io.taskstream.task.parse;

import io.taskstream.task.FileProblem;
import io.taskstream.task.FrontMatter;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A task file that cannot be used. Checked on purpose: a caller must decide what to do
 * with a bad file (report it, skip it) and never half-execute it.
 * The message is {@code "path:line: problem"} of the first problem; {@link #problems()} holds every problem the
 * parser found in the file, so that its author can fix them in one go.
 */
public class TaskFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final List<FileProblem> problems;
    private final transient FrontMatter frontMatter;

    /**
     * @param path    repo-relative path of the file
     * @param line    1-based line of the problem, 1 if it concerns the whole file
     * @param problem a human sentence
     */
    public TaskFileException(String path, int line, String problem) {
        this(path, line, problem, null);
    }

    /**
     * @param path    repo-relative path of the file
     * @param line    1-based line of the problem, 1 if it concerns the whole file
     * @param problem a human sentence
     * @param cause   the underlying error, if any
     */
    public TaskFileException(String path, int line, String problem, Throwable cause) {
        this(path, List.of(new FileProblem(line, problem)), cause);
    }

    /**
     * @param path     repo-relative path of the file
     * @param problems at least one; kept in line order (stable for problems on one line)
     */
    public TaskFileException(String path, List<FileProblem> problems) {
        this(path, problems, null, null);
    }

    /**
     * @param path        repo-relative path of the file
     * @param problems    at least one; kept in line order (stable for problems on one line)
     * @param frontMatter the front matter as far as it could be read (defaults in place of the keys with
     *                    problems), or null when there was none to read
     */
    public TaskFileException(String path, List<FileProblem> problems, FrontMatter frontMatter) {
        this(path, problems, frontMatter, null);
    }

    private TaskFileException(String path, List<FileProblem> problems, Throwable cause) {
        this(path, problems, null, cause);
    }

    private TaskFileException(String path, List<FileProblem> problems, FrontMatter frontMatter, Throwable cause) {
        super(first(problems).describe(path), cause);
        this.path = path;
        this.frontMatter = frontMatter;
        this.problems = problems.stream().sorted(Comparator.comparingInt(FileProblem::line)).toList();
    }

    private static FileProblem first(List<FileProblem> problems) {
        return problems.stream().min(Comparator.comparingInt(FileProblem::line))
                .orElseThrow(() -> new IllegalArgumentException("a TaskFileException needs a problem"));
    }

    /** @return repo-relative path of the file */
    public String path() {
        return path;
    }

    /** @return 1-based line of the first problem, 1 if it concerns the whole file */
    public int line() {
        return problems.get(0).line();
    }

    /** @return the first problem as a human sentence, without path and line */
    public String problem() {
        return problems.get(0).problem();
    }

    /**
     * @return the front matter as far as it could be read, defaults in place of the keys with problems (what the file
     *         {@code depends_on}, say); empty when the file has no readable front matter
     */
    public Optional<FrontMatter> frontMatter() {
        return Optional.ofNullable(frontMatter);
    }

    /** @return every problem found in the file, in line order; the first is {@link #line()}/{@link #problem()} */
    public List<FileProblem> problems() {
        return problems;
    }
}
