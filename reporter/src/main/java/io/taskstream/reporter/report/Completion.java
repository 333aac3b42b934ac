package io.taskstream.reporter.report;

import java.time.Instant;

/** How a task completed: the commit that archived it and where its file now lives. */
public record Completion(String commit, String archivedPath, Instant time) {
}
