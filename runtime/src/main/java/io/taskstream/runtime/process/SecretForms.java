package io.taskstream.runtime.process;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The spellings under which a command can print a secret value besides the value itself: reversed, hex,
 * base64 and base64url (also inside longer base64 data), and the value with URL or JSON escapes.
 */
final class SecretForms {
    private static final HexFormat HEX = HexFormat.of();

    private SecretForms() {
    }

    /**
     * Encoded forms of the value at least {@code minLength} long: reversed, hex in both cases, and for each
     * byte offset mod 3 of the value inside longer base64 data the characters that only its bytes determine,
     * also with the final characters and padding for when the value ends the data.
     */
    static Set<String> literals(String value, int minLength) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        Set<String> forms = new LinkedHashSet<>();
        forms.add(new StringBuilder(value).reverse().toString());
        forms.add(HEX.formatHex(bytes));
        forms.add(HEX.withUpperCase().formatHex(bytes));
        for (int offset = 0; offset < 3; offset++) {
            for (String base64 : base64(bytes, offset)) {
                forms.add(base64);
                forms.add(base64.replace('+', '-').replace('/', '_'));
            }
        }
        forms.removeIf(f -> f.length() < minLength || f.equals(value));
        return forms;
    }

    /**
     * Base64 of the bytes placed {@code offset} bytes into a 3-byte group. Character i of an encoding holds
     * bits [6i, 6i+6), the value holds bits [8 offset, 8 offset + 8 n): the characters fully inside are the
     * same whatever surrounds the value; the characters after them depend on the value alone only when
     * nothing follows it, as the last character (zero-filled) and its padding.
     */
    private static List<String> base64(byte[] bytes, int offset) {
        byte[] placed = new byte[offset + bytes.length];
        System.arraycopy(bytes, 0, placed, offset, bytes.length);
        String encoded = Base64.getEncoder().encodeToString(placed);
        int first = (8 * offset + 5) / 6;
        int end = 8 * (offset + bytes.length) / 6;
        if (end <= first) {
            return List.of();
        }
        String ending = encoded.substring(first);
        return List.of(encoded.substring(first, end), ending, ending.replace("=", ""));
    }

    /** Hex digits in upper case, as {@code regionMatches} ignoring case compares them in either. */
    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    /**
     * The value with any of its characters URL-encoded ({@code %XX} of its UTF-8 bytes, hex in either case,
     * {@code +} for a space) or JSON-escaped (<code>&#92;uXXXX</code>, {@code \"}, {@code \\}, {@code \/}, ...).
     */
    static Escaped escaped(String value) {
        return new Escaped(value.codePoints().mapToObj(SecretForms::spellings).toArray(String[][]::new));
    }

    /**
     * The spellings of one code point, the escapes first and the bare character last: no escape is a prefix of
     * another, and each is longer than the bare character (which could start one, as {@code %} starts {@code %25}).
     */
    private static String[] spellings(int cp) {
        String raw = new String(Character.toChars(cp));
        List<String> out = new ArrayList<>();
        StringBuilder percent = new StringBuilder();
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            percent.append('%').append(UPPER.toHexDigits(b));
        }
        out.add(percent.toString());
        StringBuilder unicode = new StringBuilder();
        for (char c : raw.toCharArray()) {
            unicode.append("\\u").append(UPPER.toHexDigits(c));
        }
        out.add(unicode.toString());
        String shortEscape = switch (cp) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '/' -> "\\/";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case ' ' -> "+";
            default -> null;
        };
        if (shortEscape != null) {
            out.add(shortEscape);
        }
        out.add(raw);
        return out.toArray(String[]::new);
    }

    /**
     * Finds the value spelled with escapes by a plain scan: at each position, each character of the value takes
     * the first of its spellings that matches and is never reconsidered, so a scan costs at most the text's
     * length times the value's, and in practice one comparison per position (the possible first characters).
     */
    static final class Escaped {
        private final String[][] spellings;
        private final String firsts;

        private Escaped(String[][] spellings) {
            this.spellings = spellings;
            StringBuilder sb = new StringBuilder();
            for (String s : spellings[0]) {
                sb.append(s.charAt(0));
            }
            this.firsts = sb.toString();
        }

        String redact(String text, String mask) {
            StringBuilder out = null;
            int copied = 0;
            int i = 0;
            while (i < text.length()) {
                int end = firsts.indexOf(text.charAt(i)) < 0 ? -1 : matchAt(text, i);
                if (end < 0) {
                    i++;
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, i).append(mask);
                copied = end;
                i = end;
            }
            return out == null ? text : out.append(text, copied, text.length()).toString();
        }

        /** @return where the spelled value that starts at {@code from} ends, or -1 */
        private int matchAt(String text, int from) {
            int at = from;
            for (String[] options : spellings) {
                int next = -1;
                for (int k = 0; k < options.length && next < 0; k++) {
                    String s = options[k];
                    // escapes match in either case (%2f or %2F); the bare character only as it is
                    boolean bare = k == options.length - 1;
                    if (text.regionMatches(!bare, at, s, 0, s.length())) {
                        next = at + s.length();
                    }
                }
                if (next < 0) {
                    return -1;
                }
                at = next;
            }
            return at;
        }
    }

    /** Longest first, so that a form containing another is masked whole. */
    static List<String> longestFirst(Set<String> forms) {
        String[] sorted = forms.toArray(String[]::new);
        Arrays.sort(sorted, Comparator.comparingInt(String::length).reversed());
        return List.of(sorted);
    }
}
