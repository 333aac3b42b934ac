package io.taskstream.actions.build;

import com.github.dockerjava.api.exception.DockerException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns what the engine or its client threw into one quotable line, and tells lasting errors from passing ones. */
final class DockerErrors {
    private static final Pattern JSON_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    // What the engine says when it cannot reach a registry (or the client the engine): worth another try later.
    private static final Pattern UNREACHABLE = Pattern.compile("(?i)connection refused|dial tcp|no such host"
            + "|i/o timeout|timed? ?out|connection reset|no route to host|network is unreachable|tls handshake"
            + "|\\b50[234]\\b|service unavailable|bad gateway");

    private DockerErrors() {
    }

    static String message(Throwable e) {
        if (e instanceof DockerException d && d.getMessage() != null) {
            Matcher m = JSON_MESSAGE.matcher(d.getMessage());
            return m.find() ? unescape(m.group(1)) : d.getMessage().strip();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage();
        return text == null || text.isBlank() ? root.getClass().getSimpleName() : text.strip();
    }

    /** Whether the error says something could not be reached, rather than that it refused or was wrong. */
    static boolean unreachable(String message) {
        return UNREACHABLE.matcher(message).find();
    }

    /** Whether the client's call failed in transport (no HTTP answer from the engine at all). */
    static boolean transport(Throwable e) {
        return !(e instanceof DockerException);
    }

    private static String unescape(String json) {
        return json.replace("\\n", " ").replace("\\t", " ").replace("\\\"", "\"").replace("\\\\", "\\").strip();
    }
}
