package io.taskstream.task.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * A text split into lines the way CommonMark splits it ({@code \n}, {@code \r\n} or a lone
 * {@code \r}), keeping each line's terminator so the text can be rebuilt exactly.
 * Lines are numbered from 1. A text ending in a terminator has no empty last line.
 */
public final class SourceLines {
    private final List<String> contents = new ArrayList<>();
    private final List<String> terminators = new ArrayList<>();

    private SourceLines(String text) {
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                int end = (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') ? i + 2 : i + 1;
                contents.add(text.substring(start, i));
                terminators.add(text.substring(i, end));
                start = end;
                i = end;
            } else {
                i++;
            }
        }
        if (start < text.length()) {
            contents.add(text.substring(start));
            terminators.add("");
        }
    }

    /**
     * @param text any text
     * @return its lines
     */
    public static SourceLines of(String text) {
        return new SourceLines(text);
    }

    /** @return the number of lines */
    public int count() {
        return contents.size();
    }

    /**
     * @param line 1-based line number
     * @return the line without its terminator
     */
    public String content(int line) {
        return contents.get(line - 1);
    }

    /**
     * @param line 1-based line number
     * @return the line's terminator, "" for a last line without one
     */
    public String terminator(int line) {
        return terminators.get(line - 1);
    }

    /** @return whether the text ends with a line terminator (false for an empty text) */
    public boolean endsWithNewline() {
        return !terminators.isEmpty() && !terminators.get(terminators.size() - 1).isEmpty();
    }

    /** @return the first line terminator used, {@code "\n"} if there is none */
    public String lineEnding() {
        return terminators.stream().filter(t -> !t.isEmpty()).findFirst().orElse("\n");
    }

    /**
     * @param line 1-based line number
     * @return whether the line holds only white space
     */
    public boolean isBlank(int line) {
        return content(line).isBlank();
    }
}
