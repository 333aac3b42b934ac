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
import java.util.regex.Pattern;

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

    /**
     * A pattern for the value with any of its characters URL-encoded ({@code %XX} of its UTF-8 bytes in either
     * case, {@code +} for a space) or JSON-escaped (<code>&#92;uXXXX</code>, {@code \"}, {@code \\}, {@code \/}, ...).
     * Each character is an atomic group of fixed alternatives, longest first: no backtracking, linear time.
     */
    static Pattern escaped(String value) {
        StringBuilder regex = new StringBuilder();
        value.codePoints().forEach(cp -> {
            regex.append("(?>").append(String.join("|", spellings(cp))).append(')');
        });
        return Pattern.compile(regex.toString());
    }

    /**
     * Regex fragments, each matching one spelling of the code point, the escapes first: none is a prefix of
     * another, and each is longer than the bare character (which could start one, as {@code %} starts {@code %25}).
     */
    private static List<String> spellings(int cp) {
        String raw = new String(Character.toChars(cp));
        List<String> out = new ArrayList<>();
        StringBuilder percent = new StringBuilder();
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            percent.append('%').append(anyCase(HEX.toHexDigits(b)));
        }
        out.add(percent.toString());
        if (cp == ' ') {
            out.add("\\+");
        }
        StringBuilder unicode = new StringBuilder();
        for (char c : raw.toCharArray()) {
            unicode.append("\\\\u").append(anyCase(HEX.toHexDigits(c)));
        }
        out.add(unicode.toString());
        String shortEscape = switch (cp) {
            case '"' -> "\"";
            case '\\' -> "\\";
            case '/' -> "/";
            case '\b' -> "b";
            case '\f' -> "f";
            case '\n' -> "n";
            case '\r' -> "r";
            case '\t' -> "t";
            default -> null;
        };
        if (shortEscape != null) {
            out.add(Pattern.quote("\\" + shortEscape));
        }
        out.add(Pattern.quote(raw));
        return out;
    }

    /** Hex digits as a regex matching them in either case. */
    private static String anyCase(String hex) {
        StringBuilder sb = new StringBuilder();
        for (char c : hex.toCharArray()) {
            sb.append(Character.isDigit(c) ? String.valueOf(c) : "[" + c + Character.toUpperCase(c) + "]");
        }
        return sb.toString();
    }

    /** Longest first, so that a form containing another is masked whole. */
    static List<String> longestFirst(Set<String> forms) {
        String[] sorted = forms.toArray(String[]::new);
        Arrays.sort(sorted, Comparator.comparingInt(String::length).reversed());
        return List.of(sorted);
    }
}
