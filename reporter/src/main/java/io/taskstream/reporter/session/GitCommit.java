package io.taskstream.reporter.session;

import java.time.Instant;

/**
 * A commit in the task repo that an event says records something.
 *
 * @param what    what the commit recorded, e.g. {@code criterion 1 verified: Build all service images}
 * @param record  the record's subject and label as the verifier wrote them (see {@link CommitSubjects})
 */
public record GitCommit(String sha, Instant time, String taskId, String what, String eventId,
                        CommitSubjects.Record record) {
}
