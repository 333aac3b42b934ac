package io.taskstream.reporter.session;

import java.time.Instant;

/**
 * A commit in the task repo that an event says records something.
 *
 * @param what what the commit recorded, e.g. {@code criterion 1 verified: Build all service images}
 */
public record GitCommit(String sha, Instant time, String taskId, String what, String eventId) {
}
