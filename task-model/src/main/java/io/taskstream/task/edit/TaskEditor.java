package io.taskstream.task.edit;

import io.taskstream.task.Criterion;
import io.taskstream.task.FrontMatter;
import io.taskstream.task.TaskFile;
import io.taskstream.task.parse.Outline;
import io.taskstream.task.parse.SourceLines;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the edits the pipeline may make to a task file, leaving every other byte as it
 * was: line endings (LF or CRLF), tabs, trailing spaces, comments and the presence of a
 * final newline. Edits are made on {@link TaskFile#source()} by line number; the Markdown is
 * never re-rendered. Not thread-safe; create one editor per change.
 *
 * <pre>{@code
 * String text = TaskEditor.of(file).check(2).setUpdated("2025-10-17")
 *         .appendLog("2025-10-17 14:30: built and pushed ffl 0.1.18").render();
 * }</pre>
 */
public final class TaskEditor {
    private static final Pattern OPEN_BOX = Pattern.compile("^([ \t]*[-*+][ \t]+\\[) \\]");
    private static final Pattern BULLET = Pattern.compile("^([ \t]*[-*+][ \t]+)");
    private static final Pattern STATUS = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private final TaskFile file;
    private final SourceLines lines;
    private final TreeSet<Integer> boxesToCheck = new TreeSet<>();
    private final Map<String, String> frontMatterValues = new LinkedHashMap<>();
    private final List<String> logLines = new ArrayList<>();

    private TaskEditor(TaskFile file) {
        this.file = file;
        this.lines = SourceLines.of(file.source());
    }

    /**
     * @param file a parsed task file
     * @return an editor with no edits yet
     */
    public static TaskEditor of(TaskFile file) {
        return new TaskEditor(file);
    }

    /**
     * Turns {@code - [ ]} into {@code - [x]}; a no-op for a checked criterion.
     *
     * @param criterionNumber 1-based criterion number
     * @return this editor
     * @throws IllegalArgumentException if there is no such criterion
     */
    public TaskEditor check(int criterionNumber) {
        Criterion c = file.criterion(criterionNumber).orElseThrow(() -> new IllegalArgumentException(
                file.path() + " has no criterion " + criterionNumber + " (it has " + file.criteria().size() + ")"));
        if (!c.checked()) {
            boxesToCheck.add(c.line());
        }
        return this;
    }

    /**
     * Sets {@code updated:}, rewriting its value in place or adding it as the last front matter line.
     *
     * @param isoDate an ISO-8601 date such as {@code 2025-10-17}, or a date-time
     * @return this editor
     */
    public TaskEditor setUpdated(String isoDate) {
        if (!isIsoDate(isoDate)) {
            throw new IllegalArgumentException("not an ISO-8601 date or date-time: " + isoDate);
        }
        frontMatterValues.put("updated", isoDate);
        return this;
    }

    /**
     * Sets {@code status:} like {@link #setUpdated}.
     *
     * @param status e.g. {@code blocked} or {@code completed}
     * @return this editor
     */
    public TaskEditor setStatus(String status) {
        if (status == null || !STATUS.matcher(status).matches()) {
            throw new IllegalArgumentException("status must be a single word of letters, digits, '_' or '-': "
                    + status);
        }
        frontMatterValues.put("status", status);
        return this;
    }

    /**
     * Appends a bullet to {@code ## Progress Log} after its last bullet, creating the section
     * at the end of the file if it is missing.
     *
     * @param line the bullet's text, without {@code "- "}; one line
     * @return this editor
     */
    public TaskEditor appendLog(String line) {
        if (line == null || line.isBlank() || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a log line must be one non-blank line: " + line);
        }
        logLines.add(line.strip());
        return this;
    }

    /** @return the edited text; the source itself if no edit was requested */
    public String render() {
        Map<Integer, String> replaced = new LinkedHashMap<>();
        Map<Integer, List<String>> inserted = new LinkedHashMap<>();
        for (int line : boxesToCheck) {
            Matcher m = OPEN_BOX.matcher(lines.content(line));
            if (!m.find()) {
                throw new IllegalStateException(file.path() + ":" + line + ": no '[ ]' box to check");
            }
            String content = lines.content(line);
            replaced.put(line, content.substring(0, m.end(1)) + 'x' + content.substring(m.end(1) + 1));
        }
        FrontMatter fm = file.frontMatter();
        frontMatterValues.forEach((key, value) -> {
            for (int line = fm.startLine() + 1; line < fm.endLine(); line++) {
                if (FrontMatterLine.isKey(lines.content(line), key)) {
                    replaced.put(line, FrontMatterLine.rewrite(lines.content(line), key, value));
                    return;
                }
            }
            inserted.computeIfAbsent(fm.endLine() - 1, k -> new ArrayList<>()).add(key + ": " + value);
        });
        String tail = "";
        if (!logLines.isEmpty()) {
            tail = placeLog(fm, inserted);
        }
        return assemble(replaced, inserted, tail);
    }

    /** Puts the log lines into an existing section, or returns the text of a new one. */
    private String placeLog(FrontMatter fm, Map<Integer, List<String>> inserted) {
        List<Outline.Section> sections = Outline.of(lines, fm.endLine() + 1).logSections();
        String eol = lines.lineEnding();
        if (sections.isEmpty()) {
            StringBuilder tail = new StringBuilder();
            int last = lines.count();
            if (!lines.endsWithNewline()) {
                tail.append(eol);
            }
            if (!lines.isBlank(last)) {
                tail.append(eol);
            }
            tail.append("## Progress Log").append(eol);
            logLines.forEach(l -> tail.append("- ").append(l).append(eol));
            return tail.toString();
        }
        Outline.Section section = sections.get(0);
        String bullet = "- ";
        int anchor = section.lastContentLine();
        if (!section.items().isEmpty()) {
            Outline.Item lastItem = section.items().get(section.items().size() - 1);
            anchor = lastItem.lastLine();
            Matcher m = BULLET.matcher(lines.content(lastItem.line()));
            bullet = m.find() ? m.group(1) : bullet;
        }
        List<String> at = inserted.computeIfAbsent(anchor, k -> new ArrayList<>());
        for (String l : logLines) {
            at.add(bullet + l);
        }
        return "";
    }

    private String assemble(Map<Integer, String> replaced, Map<Integer, List<String>> inserted, String tail) {
        String eol = lines.lineEnding();
        StringBuilder out = new StringBuilder(file.source().length() + 256);
        for (int line = 1; line <= lines.count(); line++) {
            out.append(replaced.getOrDefault(line, lines.content(line)));
            String terminator = lines.terminator(line);
            List<String> extra = inserted.getOrDefault(line, List.of());
            if (terminator.isEmpty()) {
                // last line without a newline: keep it that way after inserted lines
                extra.forEach(l -> out.append(eol).append(l));
            } else {
                out.append(terminator);
                extra.forEach(l -> out.append(l).append(eol));
            }
        }
        return out.append(tail).toString();
    }

    private static boolean isIsoDate(String text) {
        if (text == null) {
            return false;
        }
        List<Function<String, ?>> forms = List.of(LocalDate::parse, LocalDateTime::parse, OffsetDateTime::parse);
        for (Function<String, ?> form : forms) {
            try {
                form.apply(text);
                return true;
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return false;
    }
}
