package io.taskstream.task;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Interprets step values. Each method throws {@link IllegalArgumentException} with a
 * human sentence on bad input; the parser turns that into a file/line error, so the
 * values of a successfully parsed {@link TaskFile} always interpret cleanly.
 */
public final class StepValues {
    private static final Pattern TIMEOUT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    private static final Pattern ENV_ENTRY = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\\S*)");

    private StepValues() {
    }

    /**
     * Parses a timeout such as {@code 30s}, {@code 10m}, {@code 1h} or {@code 1h30m}.
     *
     * @param text the step value
     * @return a positive duration
     */
    public static Duration timeout(String text) {
        String t = text.strip();
        Matcher m = TIMEOUT.matcher(t);
        if (t.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("timeout '" + text
                    + "' is not a duration like 30s, 10m, 1h or 1h30m");
        }
        try {
            Duration d = Duration.ofHours(number(m.group(1)))
                    .plusMinutes(number(m.group(2))).plusSeconds(number(m.group(3)));
            if (d.isZero()) {
                throw new IllegalArgumentException("timeout '" + text + "' must be longer than zero");
            }
            return d;
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("timeout '" + text + "' is too long", e);
        }
    }

    private static long number(String digits) {
        if (digits == null) {
            return 0;
        }
        if (digits.length() > 9) {
            throw new ArithmeticException("overflow");
        }
        return Long.parseLong(digits);
    }

    /**
     * Parses {@code NAME=value} pairs separated by white space; values cannot contain spaces.
     *
     * @param text e.g. {@code REGISTRY_URL=127.0.0.1:5000 VERSION=0.1.18}
     * @return the pairs in written order
     */
    public static Map<String, String> env(String text) {
        Map<String, String> env = new LinkedHashMap<>();
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("env step is empty; expected NAME=value");
        }
        for (String entry : t.split("\\s+")) {
            Matcher m = ENV_ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new IllegalArgumentException("env entry '" + entry
                        + "' is not NAME=value (NAME of letters, digits and _, not starting with a digit)");
            }
            env.put(m.group(1), m.group(2));
        }
        return env;
    }

    /**
     * Parses criterion numbers separated by commas and/or white space.
     *
     * @param text e.g. {@code 2} or {@code 1, 2}
     * @return the distinct numbers in written order
     */
    public static List<Integer> needs(String text) {
        Set<Integer> numbers = new LinkedHashSet<>();
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("needs step is empty; expected criterion numbers like 1, 2");
        }
        for (String part : t.split("[,\\s]+")) {
            if (!part.matches("\\d{1,6}")) {
                throw new IllegalArgumentException("needs '" + part + "' is not a criterion number");
            }
            numbers.add(Integer.parseInt(part));
        }
        return List.copyOf(numbers);
    }

    /**
     * Normalises a working directory relative to the workspace root.
     *
     * @param text e.g. {@code ffl} or {@code services/./api}
     * @return the normalised path with {@code /} separators, {@code "."} for the root itself
     * @throws IllegalArgumentException if the path is absolute, starts with {@code ~} or leaves the root
     */
    public static String workingDir(String text) {
        String t = text.strip().replace('\\', '/');
        if (t.isEmpty()) {
            throw new IllegalArgumentException("in step is empty; expected a directory relative to the workspace");
        }
        if (t.startsWith("/") || t.matches("[A-Za-z]:.*")) {
            throw new IllegalArgumentException("in '" + text + "' is absolute; it must be relative to the workspace");
        }
        if (t.startsWith("~")) {
            throw new IllegalArgumentException("in '" + text
                    + "' starts with ~, which is not expanded; it must be relative to the workspace");
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : t.split("/+")) {
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new IllegalArgumentException("in '" + text + "' leaves the workspace");
                }
                parts.removeLast();
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.addLast(part);
            }
        }
        return parts.isEmpty() ? "." : String.join("/", parts);
    }
}
