package io.taskstream.task.parse;

import io.taskstream.task.FrontMatter;
import io.taskstream.task.Priority;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads and validates the YAML front matter, reporting problems with file line numbers. A front matter that is
 * missing, unclosed, not YAML or not a mapping is refused at once; problems of single keys are all collected, and
 * the front matter read with defaults in their place so that the rest of the file can be checked too.
 */
final class FrontMatterReader {
    static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    /** The statuses of {@code TASK-FORMAT.md}, matched ignoring case. */
    static final List<String> STATUSES = List.of("active", "backlog", "blocked", "completed");

    private final String path;
    private final int startLine;
    private final int endLine;
    private final Map<String, Node> valueNodes = new HashMap<>();
    private final Map<String, Integer> keyLines = new HashMap<>();
    private final Problems problems;
    private Map<String, Object> raw;

    private FrontMatterReader(String path, int startLine, int endLine, Problems problems) {
        this.path = path;
        this.startLine = startLine;
        this.endLine = endLine;
        this.problems = problems;
    }

    /** @return whether a line is a front matter fence; a UTF-8 byte order mark is tolerated */
    static boolean isFence(String line) {
        String l = line.startsWith("\uFEFF") ? line.substring(1) : line;
        return l.stripTrailing().equals("---");
    }

    /**
     * @param problems receives the problems of single keys and the warnings
     * @throws TaskFileException when there is no front matter to read
     */
    static FrontMatter read(String path, SourceLines lines, Problems problems) throws TaskFileException {
        if (lines.count() == 0 || !isFence(lines.content(1))) {
            throw new TaskFileException(path, 1, "missing front matter: the file must start with a '---' line");
        }
        int end = 2;
        while (end <= lines.count() && !isFence(lines.content(end))) {
            end++;
        }
        if (end > lines.count()) {
            throw new TaskFileException(path, 1, "front matter opened on line 1 is not closed by a '---' line");
        }
        StringBuilder yaml = new StringBuilder();
        for (int i = 2; i < end; i++) {
            yaml.append(lines.content(i)).append('\n');
        }
        return new FrontMatterReader(path, 1, end, problems).parse(yaml.toString());
    }

    private FrontMatter parse(String text) throws TaskFileException {
        Yaml yaml = newYaml();
        Node root;
        Object data;
        try {
            root = yaml.compose(new StringReader(text));
            data = root == null ? null : yaml.load(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new TaskFileException(path, mark == null ? startLine : fileLine(mark),
                    "front matter is not valid YAML: " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new TaskFileException(path, startLine, "front matter is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            throw new TaskFileException(path, startLine, "front matter is empty; it needs at least an id");
        }
        if (!(root instanceof MappingNode mapping) || !(data instanceof Map<?, ?> map)) {
            throw new TaskFileException(path, fileLine(root.getStartMark()),
                    "front matter is not a mapping of keys to values");
        }
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode key) {
                valueNodes.put(key.getValue(), t.getValueNode());
                keyLines.put(key.getValue(), fileLine(key.getStartMark()));
            }
        }
        raw = new LinkedHashMap<>();
        map.forEach((k, v) -> raw.put(String.valueOf(k), v));
        return build();
    }

    private FrontMatter build() {
        String id = scalar("id");
        if (id.isBlank()) {
            problems.add(lineOf("id"), "front matter has no id");
        } else if (!ID.matcher(id).matches()) {
            problems.add(lineOf("id"), "id '" + id
                    + "' is not valid: it must start with a letter and contain only letters, digits, '_', '.' and '-'");
        }
        String priorityText = scalar("priority");
        Priority priority = Priority.DEFAULT;
        if (priorityText.isBlank()) {
            problems.warn(startLine, "front matter has no priority; "
                    + Priority.DEFAULT.name().toLowerCase(java.util.Locale.ROOT) + " is assumed");
        } else {
            try {
                priority = Priority.parse(priorityText);
            } catch (IllegalArgumentException e) {
                problems.add(lineOf("priority"), e.getMessage());
            }
        }
        String status = scalar("status").strip();
        if (!status.isEmpty() && STATUSES.stream().noneMatch(status::equalsIgnoreCase)) {
            problems.add(lineOf("status"), "unknown status '" + status + "' (expected "
                    + String.join(", ", STATUSES.subList(0, 3)) + " or " + STATUSES.get(3) + ")");
        }
        List<String> dependsOn = new ArrayList<>();
        for (String dep : stringList("depends_on")) {
            if (ID.matcher(dep).matches()) {
                dependsOn.add(dep);
            } else {
                problems.add(lineOf("depends_on"), "depends_on entry '" + dep + "' is not a task id");
            }
        }
        return new FrontMatter(id, scalar("title").strip(), priority,
                status.isEmpty() ? FrontMatter.DEFAULT_STATUS : status, stringList("labels"), dependsOn,
                scalar("created").strip(), scalar("updated").strip(), raw, startLine, endLine);
    }

    /** A key's single value as text; "" when absent, or when it is a list or mapping (a problem). */
    private String scalar(String key) {
        Object value = raw.get(key);
        if (value == null) {
            return "";
        }
        if (value instanceof Map || value instanceof Iterable || value instanceof byte[]) {
            problems.add(lineOf(key), "'" + key + "' must be a single value, not a list or mapping");
            return "";
        }
        return String.valueOf(value);
    }

    /** A key's list of strings; what is not a string is a problem and left out. */
    private List<String> stringList(String key) {
        Object value = raw.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return s.isBlank() ? List.of() : List.of(s.strip());
        }
        if (!(value instanceof List<?> items)) {
            problems.add(lineOf(key), "'" + key + "' must be a list of strings");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof String s) || s.isBlank()) {
                problems.add(itemLine(key, i), "'" + key
                        + "' must be a list of strings, but item " + (i + 1) + " is " + describe(items.get(i)));
            } else {
                out.add(s.strip());
            }
        }
        return out;
    }

    private static String describe(Object o) {
        if (o == null) {
            return "empty";
        }
        if (o instanceof String) {
            return "blank";
        }
        if (o instanceof Map) {
            return "a mapping";
        }
        return o instanceof Iterable ? "a list" : "'" + o + "', which is not a string (quote it)";
    }

    private int lineOf(String key) {
        return keyLines.getOrDefault(key, startLine);
    }

    private int itemLine(String key, int index) {
        if (valueNodes.get(key) instanceof SequenceNode seq && index < seq.getValue().size()) {
            return fileLine(seq.getValue().get(index).getStartMark());
        }
        return lineOf(key);
    }

    private int fileLine(Mark mark) {
        // the YAML text starts on the line after the opening fence
        int line = startLine + 1 + mark.getLine();
        return Math.max(startLine + 1, Math.min(line, endLine - 1));
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(TaskFileParser.MAX_BYTES);
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new DatesAsText());
    }

    /** Keeps {@code created: 2025-10-16} a string instead of a {@code java.util.Date}. */
    private static final class DatesAsText extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            Tag tag = super.resolve(kind, value, implicit);
            return Tag.TIMESTAMP.equals(tag) ? Tag.STR : tag;
        }
    }
}
