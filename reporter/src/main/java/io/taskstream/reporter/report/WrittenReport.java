package io.taskstream.reporter.report;

import java.nio.file.Path;

/** Where a run's report was written, with its numbers. */
public record WrittenReport(String runId, Path markdown, Path json, Summary summary) {
}
