package io.taskstream.runtime.process;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it leaves a process: the values of env entries marked secret, and
 * the usual token shapes (GitHub, GitLab, AWS, bearer tokens, JWTs, {@code password=...}).
 *
 * <p>A value is also removed in the encodings a command can print it in: base64 and base64url (also as
 * part of longer base64 data, such as a registry auth config holding {@code user:password}: what only the
 * value's bytes determine is masked), hex in either case, reversed, and with URL ({@code %XX}, {@code +})
 * or JSON (<code>&#92;uXXXX</code>, {@code \"}) escapes. A value split across lines, or transformed otherwise
 * (hashed, encrypted, compressed, other encodings), is not recognised.
 */
public final class Redactor {
    public static final String MASK = "[REDACTED]";
    /** Values shorter than this are ignored: too common. */
    public static final int MIN_VALUE_LENGTH = 4;
    /**
     * Encoded forms (reversed, hex, base64) shorter than this are not masked: short fragments would mask
     * ordinary text. The escaped spellings of a value count as the value and follow {@link #MIN_VALUE_LENGTH}.
     */
    public static final int MIN_ENCODED_LENGTH = 8;
    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("gh[pousr]_[A-Za-z0-9]{20,}"),
            Pattern.compile("github_pat_[A-Za-z0-9_]{20,}"),
            Pattern.compile("glpat-[A-Za-z0-9_-]{20,}"),
            Pattern.compile("AKIA[0-9A-Z]{16}"),
            Pattern.compile("xox[baprs]-[A-Za-z0-9-]{10,}"),
            Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)"));
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}");
    private static final Pattern ASSIGNED = Pattern.compile(
            "(?i)((?:password|passwd|secret|token|api[_-]?key|access[_-]?key)[A-Za-z0-9_]*\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s\"']+)");

    private final List<String> secrets;
    /** Every value and its encoded forms, longest first; built once, as redaction runs on every output. */
    private final List<String> forms;
    private final List<SecretForms.Escaped> escaped;

    /** @param secrets values never to show, in any of the forms above (shorter than {@link #MIN_VALUE_LENGTH}: ignored) */
    public Redactor(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= MIN_VALUE_LENGTH).distinct().toList();
        java.util.Set<String> all = new java.util.LinkedHashSet<>(this.secrets);
        this.secrets.forEach(s -> all.addAll(SecretForms.literals(s, MIN_ENCODED_LENGTH)));
        this.forms = SecretForms.longestFirst(all);
        this.escaped = this.secrets.stream().map(SecretForms::escaped).toList();
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    public Redactor with(Collection<String> more) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(secrets);
        all.addAll(more);
        return new Redactor(all);
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : forms) {
            out = out.replace(s, MASK);
        }
        for (SecretForms.Escaped e : escaped) {
            out = e.redact(out, MASK);
        }
        for (Pattern p : SHAPES) {
            out = p.matcher(out).replaceAll(MASK);
        }
        out = BEARER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        return ASSIGNED.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }

    /** Whether the text holds something shaped like a token or key (the shapes only, not configured values). */
    public static boolean looksSecret(String text) {
        return text != null && (SHAPES.stream().anyMatch(p -> p.matcher(text).find()) || BEARER.matcher(text).find());
    }

    public List<String> redact(List<String> texts) {
        return texts.stream().map(this::redact).toList();
    }
}
