package io.taskstream.task.edit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rewrites the value of one {@code key: value} line in place, keeping quotes, spacing and comments. */
final class FrontMatterLine {
    private FrontMatterLine() {
    }

    /** @return whether line is the top-level line of key (top-level keys start in column 0) */
    static boolean isKey(String line, String key) {
        return line.matches(keyPattern(key) + "[ \t]*:([ \t].*)?");
    }

    /** The key, bare or quoted. */
    private static String keyPattern(String key) {
        String k = Pattern.quote(key);
        return "(?:" + k + "|\"" + k + "\"|'" + k + "')";
    }

    /**
     * @param line  a line for which {@link #isKey} holds
     * @param key   the key
     * @param value the new plain value
     * @return the line with only the value replaced
     * @throws IllegalStateException if the value is not a one-line scalar
     */
    static String rewrite(String line, String key, String value) {
        Matcher m = Pattern.compile("(" + keyPattern(key) + "[ \t]*:)([ \t]*)(.*)").matcher(line);
        if (!m.matches()) {
            throw new IllegalStateException("not a '" + key + "' line: " + line);
        }
        String rest = m.group(3);
        String token;
        String trailer;
        char first = rest.isEmpty() ? 0 : rest.charAt(0);
        if (first == '"' || first == '\'') {
            int close = rest.indexOf(first, 1);
            if (close < 0) {
                throw new IllegalStateException("'" + key + "' has a multi-line quoted value");
            }
            token = rest.substring(0, close + 1);
            trailer = rest.substring(close + 1);
            value = first + value + first;
        } else {
            if (first == '|' || first == '>' || first == '[' || first == '{') {
                throw new IllegalStateException("'" + key + "' is not a one-line plain value");
            }
            int comment = commentStart(rest);
            token = rest.substring(0, comment).stripTrailing();
            trailer = rest.substring(token.length());
        }
        String gap = m.group(2).isEmpty() ? " " : m.group(2);
        return m.group(1) + gap + value + realign(trailer, token.length() - value.length());
    }

    /** Index where a {@code #} comment (preceded by white space) starts, or the length. */
    private static int commentStart(String rest) {
        for (int i = 1; i < rest.length(); i++) {
            if (rest.charAt(i) == '#' && (rest.charAt(i - 1) == ' ' || rest.charAt(i - 1) == '\t')) {
                return i;
            }
        }
        return rest.length();
    }

    /** Keeps a trailing comment in its column when the value's length changes and spaces allow it. */
    private static String realign(String trailer, int shrunkBy) {
        String comment = trailer.stripLeading();
        String gap = trailer.substring(0, trailer.length() - comment.length());
        if (!comment.startsWith("#") || !gap.chars().allMatch(c -> c == ' ')) {
            return trailer;
        }
        return " ".repeat(Math.max(1, gap.length() + shrunkBy)) + comment;
    }
}
