package io.taskstream.task;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed task file. Immutable; {@link #source()} keeps the exact text so that edits can
 * be applied byte for byte (see {@code io.taskstream.task.edit.TaskEditor}).
 *
 * @param path        repo-relative path, e.g. {@code tasks/active/TASK-002.md}
 * @param source      the exact original text
 * @param frontMatter the YAML front matter
 * @param title       text of the first level-1 heading, or the front matter title if there is none
 * @param titleLine   1-based line of that heading, 0 if there is none
 * @param criteria    the {@code ## Acceptance Criteria} checkboxes in listed order
 * @param progressLog the {@code ## Progress Log} bullets in listed order
 * @param warnings    what the file leaves to defaults that its author may not mean (no {@code priority}, no
 *                    title): the file is usable, the author should hear of it
 */
public record TaskFile(String path, String source, FrontMatter frontMatter, String title, int titleLine,
                       List<Criterion> criteria, List<LogEntry> progressLog, List<FileProblem> warnings) {

    /** Validates and copies the components. */
    public TaskFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(frontMatter, "frontMatter");
        Objects.requireNonNull(title, "title");
        criteria = List.copyOf(criteria);
        progressLog = List.copyOf(progressLog);
        warnings = List.copyOf(warnings);
    }

    /** A file without warnings. */
    public TaskFile(String path, String source, FrontMatter frontMatter, String title, int titleLine,
                    List<Criterion> criteria, List<LogEntry> progressLog) {
        this(path, source, frontMatter, title, titleLine, criteria, progressLog, List.of());
    }

    /** @return the front matter id */
    public String id() {
        return frontMatter.id();
    }

    /**
     * @param number 1-based criterion number
     * @return the criterion with that number, if any
     */
    public Optional<Criterion> criterion(int number) {
        return number >= 1 && number <= criteria.size()
                ? Optional.of(criteria.get(number - 1)) : Optional.empty();
    }

    /** @return true when there is at least one criterion and every one is checked */
    public boolean allChecked() {
        return !criteria.isEmpty() && criteria.stream().allMatch(Criterion::checked);
    }
}
