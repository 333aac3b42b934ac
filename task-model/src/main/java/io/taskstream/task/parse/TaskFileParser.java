package io.taskstream.task.parse;

import io.taskstream.task.Criterion;
import io.taskstream.task.FrontMatter;
import io.taskstream.task.LogEntry;
import io.taskstream.task.TaskFile;
import io.taskstream.task.TaskType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Parses task files (see {@code TASK-FORMAT.md}). Stateless and thread-safe.
 *
 * <p>A file is refused as a whole, with a {@link TaskFileException} naming the line and the
 * problem, when it is not a small UTF-8 text, has no valid front matter (an {@code id} is
 * required; {@code priority} and {@code status}, when given, must be known values), or has a
 * criterion whose steps are inconsistent. Once the front matter is readable YAML, every problem
 * of the file is collected: {@link TaskFileException#problems()} lists them all in line order.
 * A file without an {@code ## Acceptance Criteria} section is valid and has no criteria. A
 * usable file left without a {@code priority} or a title carries a warning for each
 * ({@link TaskFile#warnings()}).
 */
public final class TaskFileParser {
    /** Largest accepted file: 1 MiB. */
    public static final int MAX_BYTES = 1024 * 1024;

    /**
     * @param path  repo-relative path, used in the result and in error messages
     * @param bytes the file's content
     * @return the parsed file
     * @throws TaskFileException if the file cannot be used
     */
    public TaskFile parse(String path, byte[] bytes) throws TaskFileException {
        Objects.requireNonNull(path, "path");
        String source = SourceDecoder.decode(path, bytes);
        SourceLines lines = SourceLines.of(source);
        Problems problems = new Problems();
        FrontMatter frontMatter = FrontMatterReader.read(path, lines, problems);
        Outline outline = Outline.of(lines, frontMatter.endLine() + 1);

        List<Outline.Section> criteriaSections = outline.criteriaSections();
        for (int i = 1; i < criteriaSections.size(); i++) {
            problems.add(criteriaSections.get(i).headingLine(), "second '## Acceptance Criteria' section; the first is"
                    + " on line " + criteriaSections.get(0).headingLine());
        }
        List<Criterion> criteria = criteriaSections.isEmpty() ? List.of()
                : CriteriaReader.read(path, criteriaSections.get(0).items(),
                TaskType.fromLabels(frontMatter.labels()), problems);
        problems.throwIfAny(path, frontMatter);
        List<LogEntry> log = outline.logSections().isEmpty() ? List.of()
                : outline.logSections().get(0).items().stream()
                        .map(i -> new LogEntry(i.text(), i.line())).toList();
        String title = outline.titleLine() > 0 ? outline.title() : frontMatter.title();
        if (title.isEmpty()) {
            problems.warn(frontMatter.startLine(), "no title: neither a 'title' in the front matter nor a '# ' heading");
        }
        return new TaskFile(path, source, frontMatter, title, outline.titleLine(), criteria, log, problems.warnings());
    }

    /**
     * Convenience for text already in memory.
     *
     * @param path   repo-relative path
     * @param source the file's text
     * @return the parsed file
     * @throws TaskFileException if the file cannot be used
     */
    public TaskFile parse(String path, String source) throws TaskFileException {
        return parse(path, source.getBytes(StandardCharsets.UTF_8));
    }
}
