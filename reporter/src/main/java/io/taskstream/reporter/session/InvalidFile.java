package io.taskstream.reporter.session;

import java.time.Instant;

/**
 * A task file the scanner could not use.
 *
 * @param subject the task id when the scanner knew it, else the path
 * @param line    1-based; 0 when the problem is the whole file
 */
public record InvalidFile(String path, int line, String problem, String subject, Instant time) {

    /** {@code path:line}, or just the path when the problem is the whole file. */
    public String location() {
        return line > 0 ? path + ":" + line : path;
    }
}
