package io.taskstream.actions.build;

import io.taskstream.runtime.process.Redactor;

/** The last lines of a build and push log: enough to see what failed, never the whole of a long build. */
final class LogTail {
    static final int SHOWN = 4096;
    // Keep more than is shown so a secret cut in half at the edge is still whole when redacted.
    private static final int KEPT = 4 * SHOWN;

    private final StringBuilder text = new StringBuilder();

    synchronized void line(String line) {
        String l = line.stripTrailing();
        if (l.isEmpty()) {
            return;
        }
        text.append(l).append('\n');
        if (text.length() > KEPT) {
            int cut = text.indexOf("\n", text.length() - KEPT);
            text.delete(0, cut < 0 ? text.length() - KEPT : cut + 1);
        }
    }

    synchronized String render(Redactor redactor) {
        String all = redactor.redact(text.toString());
        if (all.length() <= SHOWN) {
            return all;
        }
        int cut = all.indexOf('\n', all.length() - SHOWN);
        return cut < 0 ? all.substring(all.length() - SHOWN) : all.substring(cut + 1);
    }
}
