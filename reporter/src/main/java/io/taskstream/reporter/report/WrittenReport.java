package io.taskstream.reporter.report;

import java.nio.file.Path;

/** Where a run's report was written (Markdown, JSON and a self-contained HTML page), with its numbers. */
public record WrittenReport(String runId, Path markdown, Path json, Summary summary, Path html) {
}
