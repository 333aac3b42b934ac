package io.taskstream.reporter.report;

import java.time.Instant;
import java.util.List;

/**
 * What the run was asked to do and what it scanned.
 *
 * @param trigger     who asked for the scan ({@code cli}, {@code webhook:github}); null when the request was not seen
 * @param commit      the scanned commit of the task repo; null until the scan completed
 * @param incremental the scan read only the files people changed since {@code previousCommit}; its lists name
 *                    only those
 * @param previousCommit the commit an incremental scan started from; null for a full scan or before the scan
 * @param dryRun      the run only planned its tasks (the scan request's options; the first ready task's when the
 *                    request was not seen)
 * @param criteriaFilter only these criteria were up for execution; empty for all
 * @param skipVerification completion recorded without the verifier's check
 * @param finished    nothing more is expected in the run (see {@code RunLedger#finished()})
 */
public record RunInfo(String runId, String trigger, Instant requestedAt, String repository, String branch,
                      String commit, Instant scannedAt, boolean dryRun, List<Integer> criteriaFilter,
                      boolean skipVerification, boolean incremental, String previousCommit, boolean finished) {
    public RunInfo {
        criteriaFilter = List.copyOf(criteriaFilter);
    }
}
