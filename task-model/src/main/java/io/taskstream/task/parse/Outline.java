package io.taskstream.task.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonmark.ext.task.list.items.TaskListItemMarker;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The Markdown structure of a task file body that the parser and the editor rely on:
 * the title heading and the bullets of the {@code ## Acceptance Criteria} and
 * {@code ## Progress Log} sections, with 1-based source line numbers. Built with
 * CommonMark so that code blocks and other Markdown are never mistaken for bullets.
 */
public final class Outline {
    /** Heading text of the criteria section, matched ignoring case. */
    public static final String CRITERIA_HEADING = "acceptance criteria";
    /** Heading text of the log section, matched ignoring case. */
    public static final String LOG_HEADING = "progress log";

    /**
     * A list item.
     *
     * @param line     1-based first line
     * @param lastLine 1-based last non-blank line, nested items included
     * @param checked  the task-list box state, null if the item has no box
     * @param text     raw source text of the item's first paragraph, box removed, lines joined with a space
     * @param children items of lists nested directly in this item
     */
    public record Item(int line, int lastLine, Boolean checked, String text, List<Item> children) {
    }

    /**
     * A level-2 section.
     *
     * @param headingLine     1-based line of the heading
     * @param lastContentLine 1-based last non-blank line before the next heading of level 1 or 2
     * @param items           items of the section's top-level bullet lists
     */
    public record Section(int headingLine, int lastContentLine, List<Item> items) {
    }

    private static final Parser PARSER = Parser.builder()
            .extensions(List.of(TaskListItemsExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();

    private final SourceLines lines;
    private final List<Section> criteriaSections = new ArrayList<>();
    private final List<Section> logSections = new ArrayList<>();
    private int titleLine;

    private Outline(SourceLines lines) {
        this.lines = lines;
    }

    /**
     * @param lines         the whole file
     * @param bodyStartLine first line after the front matter; earlier lines are not Markdown
     * @return the outline
     */
    public static Outline of(SourceLines lines, int bodyStartLine) {
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= lines.count(); i++) {
            // blank out the front matter but keep its lines so line numbers stay aligned
            body.append(i < bodyStartLine ? "" : lines.content(i)).append('\n');
        }
        Outline outline = new Outline(lines);
        outline.scan(PARSER.parse(body.toString()));
        return outline;
    }

    /** @return every section headed {@code ## Acceptance Criteria}, in file order */
    public List<Section> criteriaSections() {
        return List.copyOf(criteriaSections);
    }

    /** @return every section headed {@code ## Progress Log}, in file order */
    public List<Section> logSections() {
        return List.copyOf(logSections);
    }

    /** @return 1-based line of the first level-1 heading, 0 if there is none */
    public int titleLine() {
        return titleLine;
    }

    /** @return text of the first level-1 heading without its markers, "" if there is none */
    public String title() {
        if (titleLine == 0) {
            return "";
        }
        String l = lines.content(titleLine).strip();
        if (l.startsWith("#")) {
            l = l.replaceFirst("^#+", "").replaceFirst("(^|\\s+)#+$", "");
        }
        return l.strip();
    }

    private void scan(Node document) {
        Node node = document.getFirstChild();
        while (node != null) {
            if (node instanceof Heading h && h.getLevel() == 1 && titleLine == 0) {
                titleLine = firstLine(h);
            }
            if (node instanceof Heading h && h.getLevel() == 2) {
                String name = headingText(h).toLowerCase(Locale.ROOT);
                if (name.equals(CRITERIA_HEADING) || name.equals(LOG_HEADING)) {
                    node = section(h, name.equals(CRITERIA_HEADING) ? criteriaSections : logSections);
                    continue;
                }
            }
            node = node.getNext();
        }
    }

    /** Reads the section that starts at heading and returns the node after it. */
    private Node section(Heading heading, List<Section> into) {
        List<Item> items = new ArrayList<>();
        int last = firstLine(heading);
        Node node = heading.getNext();
        while (node != null && !(node instanceof Heading h && h.getLevel() <= 2)) {
            last = Math.max(last, lastLine(node));
            if (node instanceof BulletList list) {
                items.addAll(items(list));
            }
            node = node.getNext();
        }
        into.add(new Section(firstLine(heading), last, List.copyOf(items)));
        return node;
    }

    private List<Item> items(ListBlock list) {
        List<Item> items = new ArrayList<>();
        for (Node n = list.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof ListItem li) {
                items.add(item(li));
            }
        }
        return items;
    }

    private Item item(ListItem li) {
        Boolean checked = null;
        String text = "";
        Node first = li.getFirstChild();
        if (first instanceof TaskListItemMarker marker) {
            checked = marker.isChecked();
            first = first.getNext();
        }
        if (first instanceof Paragraph) {
            text = rawText(first);
        }
        List<Item> children = new ArrayList<>();
        for (Node c = li.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof ListBlock nested) {
                children.addAll(items(nested));
            }
        }
        if (checked != null) {
            text = text.replaceFirst("^\\[[ xX]\\]\\s*", "");
        }
        return new Item(firstLine(li), lastLine(li), checked, text, List.copyOf(children));
    }

    private String rawText(Node block) {
        List<String> parts = new ArrayList<>();
        for (SourceSpan s : block.getSourceSpans()) {
            String l = lines.content(s.getLineIndex() + 1);
            int from = Math.min(s.getColumnIndex(), l.length());
            parts.add(l.substring(from, Math.min(from + s.getLength(), l.length())).strip());
        }
        return String.join(" ", parts).strip();
    }

    private static String headingText(Heading h) {
        StringBuilder sb = new StringBuilder();
        collectText(h, sb);
        return sb.toString().strip().replaceAll("\\s+", " ");
    }

    private static void collectText(Node node, StringBuilder sb) {
        for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof Text t) {
                sb.append(t.getLiteral());
            } else if (c instanceof Code code) {
                sb.append(code.getLiteral());
            } else {
                collectText(c, sb);
            }
        }
    }

    private static int firstLine(Node node) {
        List<SourceSpan> spans = node.getSourceSpans();
        return spans.isEmpty() ? 0 : spans.get(0).getLineIndex() + 1;
    }

    private int lastLine(Node node) {
        int last = 0;
        for (SourceSpan s : node.getSourceSpans()) {
            last = Math.max(last, s.getLineIndex() + 1);
        }
        while (last > 1 && lines.isBlank(last) && last > firstLine(node)) {
            last--;
        }
        return last;
    }
}
