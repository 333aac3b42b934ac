package io.taskstream.actions.gitops;

import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets one scalar of a YAML text, changing nothing else: the scalar is found with snakeyaml's composer and only
 * its characters are replaced, so comments, key order, indentation, line endings and the other documents stay
 * byte for byte. The quoting style is kept; a plain scalar is double-quoted only when the new value written
 * plain would read as another type than the old one (e.g. {@code 1.10}, a float, replacing the string
 * {@code 0.1.17}). Errors are {@link YamlEditException}s that say what is wrong in a sentence.
 */
public final class YamlScalarEdit {
    private static final Resolver RESOLVER = new Resolver();

    /**
     * @param text     the whole new text
     * @param oldValue the scalar's value before
     * @param line     the scalar's line, from 1
     */
    public record Result(String text, String oldValue, int line) {
        public boolean changed(String newValue) {
            return !oldValue.equals(newValue);
        }
    }

    private YamlScalarEdit() {
    }

    /** The text with the scalar at {@code path} set to {@code value}; the same text when it is already there. */
    public static Result set(String text, String path, String value) {
        Located at = locate(text, path);
        if (at.node().getValue().equals(value)) {
            return new Result(text, value, at.line());
        }
        String written = render(value, at.node(), path);
        return new Result(text.substring(0, at.start()) + written + text.substring(at.end()), at.node().getValue(),
                at.line());
    }

    /** The value of the scalar at {@code path}. */
    public static String get(String text, String path) {
        return locate(text, path).node().getValue();
    }

    private record Located(ScalarNode node, int start, int end, int line) {
    }

    private static Located locate(String text, String path) {
        YamlPath parsed;
        try {
            parsed = YamlPath.parse(path);
        } catch (IllegalArgumentException e) {
            throw new YamlEditException(e.getMessage());
        }
        List<Node> documents = new ArrayList<>();
        try {
            LoaderOptions options = new LoaderOptions();
            for (Node document : new Yaml(new SafeConstructor(options)).composeAll(new StringReader(text))) {
                documents.add(document);
            }
        } catch (YAMLException e) {
            throw new YamlEditException("the file is not valid YAML: " + e.getMessage().replaceAll("\\s+", " "));
        }
        List<Integer> hits = new ArrayList<>();
        NodeWalk.Reached hit = null;
        NodeWalk.Reached deepestMiss = null;
        for (int i = 0; i < documents.size(); i++) {
            NodeWalk.Reached reached = NodeWalk.follow(documents.get(i), parsed);
            if (reached.miss() == null) {
                hits.add(i + 1);
                hit = reached;
            } else if (deepestMiss == null || reached.depth() > deepestMiss.depth()) {
                deepestMiss = reached;
            }
        }
        if (hits.size() > 1) {
            throw new YamlEditException("the path " + path + " is ambiguous: it exists in documents " + hits
                    + " of the file");
        }
        if (hit == null) {
            throw new YamlEditException(deepestMiss == null ? "the file has no YAML document"
                    : "the path " + path + " does not exist: " + deepestMiss.miss());
        }
        if (!(hit.node() instanceof ScalarNode scalar)) {
            throw new YamlEditException(path + " is a " + NodeWalk.kind(hit.node()) + ", not a scalar");
        }
        if (hit.shared() != null) {
            throw new YamlEditException(path + " is shared through " + hit.shared()
                    + ": setting it would change every alias of it too");
        }
        Offsets offsets = new Offsets(text);
        int start = skipProperties(text, offsets.of(scalar.getStartMark().getIndex()));
        return new Located(scalar, start, offsets.of(scalar.getEndMark().getIndex()),
                scalar.getStartMark().getLine() + 1);
    }

    /** A node's start mark comes before its anchor and tag ({@code &a !!str 1.0}); the scalar follows them. */
    private static int skipProperties(String text, int at) {
        while (at < text.length() && (text.charAt(at) == '&' || text.charAt(at) == '!')) {
            while (at < text.length() && !Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
        return at;
    }

    private static String render(String value, ScalarNode old, String path) {
        ScalarStyle style = old.getScalarStyle();
        return switch (style) {
            case PLAIN -> plainKeepsType(value, old.getValue()) ? value : doubleQuoted(value);
            case SINGLE_QUOTED -> "'" + value.replace("'", "''") + "'";
            case DOUBLE_QUOTED -> doubleQuoted(value);
            default -> throw new YamlEditException(path + " is a block scalar (| or >), which is not set in place");
        };
    }

    private static boolean plainKeepsType(String value, String old) {
        return !value.isEmpty() && "-?:,[]{}#&*!|>'\"%@`".indexOf(value.charAt(0)) < 0
                && !value.contains(": ") && !value.contains(" #") && !value.endsWith(":")
                && RESOLVER.resolve(NodeId.scalar, value, true).equals(RESOLVER.resolve(NodeId.scalar, old, true));
    }

    private static String doubleQuoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** snakeyaml counts code points; Java strings count UTF-16 units. */
    private record Offsets(String text) {
        int of(int codePointIndex) {
            return text.codePointCount(0, text.length()) == text.length() ? codePointIndex
                    : text.offsetByCodePoints(0, codePointIndex);
        }
    }
}
