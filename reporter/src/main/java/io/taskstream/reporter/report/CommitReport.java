package io.taskstream.reporter.report;

import java.time.Instant;
import java.util.List;

/**
 * One task repo commit and everything events say it recorded (the verifier may group several records in one).
 *
 * @param what one line per record, e.g. {@code TASK-002: criterion 1 verified: Build all service images}
 */
public record CommitReport(String sha, String shortSha, Instant time, List<String> what) {
    public CommitReport {
        what = List.copyOf(what);
    }
}
