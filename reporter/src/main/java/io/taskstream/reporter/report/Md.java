package io.taskstream.reporter.report;

import java.util.List;
import java.util.Locale;

/** Small helpers for writing GitHub-flavoured Markdown. */
final class Md {
    private final StringBuilder out = new StringBuilder();

    Md line(String s) {
        out.append(s).append('\n');
        return this;
    }

    Md blank() {
        out.append('\n');
        return this;
    }

    Md heading(int level, String text) {
        return line("#".repeat(level) + " " + text).blank();
    }

    Md field(String name, String value) {
        return line("- **" + name + "**: " + value);
    }

    Md table(List<String> header, List<List<String>> rows) {
        line("| " + String.join(" | ", header) + " |");
        line("|" + "---|".repeat(header.size()));
        for (List<String> row : rows) {
            line("| " + String.join(" | ", row.stream().map(Md::cell).toList()) + " |");
        }
        return blank();
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** Text safe inside a table cell: one line, pipes escaped. */
    static String cell(String s) {
        if (s == null || s.isBlank()) {
            return "-";
        }
        return s.strip().replaceAll("\\s*\\R\\s*", " ").replace("|", "\\|");
    }

    /** Text safe inline: one line. */
    static String inline(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    static String code(String s) {
        return "`" + (s == null ? "" : s.replace("`", "'")) + "`";
    }

    static String capitalized(String s) {
        if (s == null || s.isBlank()) {
            return "-";
        }
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
