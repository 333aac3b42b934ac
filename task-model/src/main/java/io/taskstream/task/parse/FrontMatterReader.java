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

/** Reads and validates the YAML front matter, reporting problems with file line numbers. */
final class FrontMatterReader {
    static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

    private final String path;
    private final int startLine;
    private final int endLine;
    private final Map<String, Node> valueNodes = new HashMap<>();
    private final Map<String, Integer> keyLines = new HashMap<>();
    private Map<String, Object> raw;

    private FrontMatterReader(String path, int startLine, int endLine) {
        this.path = path;
        this.startLine = startLine;
        this.endLine = endLine;
    }

    /** @return whether a line is a front matter fence; a UTF-8 byte order mark is tolerated */
    static boolean isFence(String line) {
        String l = line.startsWith("\uFEFF") ? line.substring(1) : line;
        return l.stripTrailing().equals("---");
    }

    static FrontMatter read(String path, SourceLines lines) throws TaskFileException {
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
        return new FrontMatterReader(path, 1, end).parse(yaml.toString());
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

    private FrontMatter build() throws TaskFileException {
        String id = scalar("id");
        if (id.isBlank()) {
            throw new TaskFileException(path, lineOf("id"), "front matter has no id");
        }
        if (!ID.matcher(id).matches()) {
            throw new TaskFileException(path, lineOf("id"), "id '" + id
                    + "' is not valid: it must start with a letter and contain only letters, digits, '_', '.' and '-'");
        }
        String priorityText = scalar("priority");
        Priority priority;
        try {
            priority = priorityText.isBlank() ? Priority.DEFAULT : Priority.parse(priorityText);
        } catch (IllegalArgumentException e) {
            throw new TaskFileException(path, lineOf("priority"), e.getMessage());
        }
        String status = scalar("status").strip();
        List<String> dependsOn = stringList("depends_on");
        for (String dep : dependsOn) {
            if (!ID.matcher(dep).matches()) {
                throw new TaskFileException(path, lineOf("depends_on"),
                        "depends_on entry '" + dep + "' is not a task id");
            }
        }
        return new FrontMatter(id, scalar("title").strip(), priority,
                status.isEmpty() ? FrontMatter.DEFAULT_STATUS : status, stringList("labels"), dependsOn,
                scalar("created").strip(), scalar("updated").strip(), raw, startLine, endLine);
    }

    private String scalar(String key) throws TaskFileException {
        Object value = raw.get(key);
        if (value == null) {
            return "";
        }
        if (value instanceof Map || value instanceof Iterable || value instanceof byte[]) {
            throw new TaskFileException(path, lineOf(key), "'" + key + "' must be a single value, not a list or mapping");
        }
        return String.valueOf(value);
    }

    private List<String> stringList(String key) throws TaskFileException {
        Object value = raw.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return s.isBlank() ? List.of() : List.of(s.strip());
        }
        if (!(value instanceof List<?> items)) {
            throw new TaskFileException(path, lineOf(key), "'" + key + "' must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof String s) || s.isBlank()) {
                throw new TaskFileException(path, itemLine(key, i), "'" + key
                        + "' must be a list of strings, but item " + (i + 1) + " is " + describe(items.get(i)));
            }
            out.add(s.strip());
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
