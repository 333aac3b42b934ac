package io.taskstream.task.action;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference with an explicit registry and tag, {@code REGISTRY/NAME:TAG}, e.g.
 * {@code 127.0.0.1:5000/ffl-backend:0.1.18}. A registry is required: a build pushes somewhere named.
 */
public record ImageRef(String registry, String repository, String tag) {
    private static final Pattern FORM = Pattern.compile(
            "([A-Za-z0-9.-]+(?::\\d{1,5})?|\\[[0-9A-Fa-f:]+](?::\\d{1,5})?)/"
                    + "([a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)"
                    + ":([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})");

    public static ImageRef parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("image '" + text + "' is not REGISTRY/NAME:TAG with a lower-case"
                    + " name and an explicit tag (e.g. 127.0.0.1:5000/ffl-backend:0.1.18)");
        }
        return new ImageRef(m.group(1), m.group(2), m.group(3));
    }

    @Override
    public String toString() {
        return registry + "/" + repository + ":" + tag;
    }
}
