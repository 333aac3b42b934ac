package io.taskstream.actions.probe;

import io.taskstream.runtime.process.Redactor;

import java.util.regex.Pattern;

/** The start of a response body as it may appear in a reason: short, on one line, without secrets. */
final class BodyExcerpt {
    static final int LENGTH = 200;
    // redact a window well past the excerpt, so that a secret which starts inside it is still whole
    private static final int WINDOW = 4096;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    private static final Pattern FORMAT = Pattern.compile("\\p{Cf}");

    private BodyExcerpt() {
    }

    /** {@code body starts: "…"}, or {@code the body is empty}. */
    static String of(String body, Redactor redactor) {
        String window = body.length() > WINDOW ? body.substring(0, WINDOW) : body;
        String clean = clean(redactor.redact(window));
        if (clean.isEmpty()) {
            return body.isEmpty() ? "the body is empty" : "the body is blank";
        }
        boolean more = clean.length() > LENGTH || body.length() > WINDOW;
        String cut = clean.length() > LENGTH ? clean.substring(0, LENGTH) : clean;
        if (Character.isHighSurrogate(cut.charAt(cut.length() - 1))) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return "body starts: \"" + cut + (more ? "…" : "") + "\"";
    }

    /** One line: white space runs become one space, other control characters {@code ?}, format characters go. */
    static String clean(String text) {
        String oneLine = WHITESPACE.matcher(text).replaceAll(" ");
        return FORMAT.matcher(CONTROL.matcher(oneLine).replaceAll("?")).replaceAll("").strip();
    }
}
