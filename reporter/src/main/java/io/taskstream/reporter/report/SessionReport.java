package io.taskstream.reporter.report;

import io.taskstream.reporter.report.insight.Insights;
import io.taskstream.reporter.session.InvalidFile;
import io.taskstream.reporter.session.RunLedger;
import io.taskstream.reporter.session.TimelineEntry;

import java.util.List;

/**
 * Everything a session report says about one run, built from the event log alone: the same events give the
 * same report, whatever order partitions were read in. Writers turn it into Markdown and JSON.
 *
 * @param tasks              tasks in queue order, then those held back
 * @param completedBeforeRun ids of tasks already completed when the scan ran
 * @param blockedBeforeRun   ids of tasks whose file already said {@code status: blocked}: not run until a person
 *                           clears the block
 * @param withdrawn          tasks withdrawn from the run, in the order of {@code tasks}
 * @param insights           the summary in sentences, critical issues, recommendations, verification evidence,
 *                           commits per repository and the per-task timeline
 */
public record SessionReport(RunInfo run, Summary summary, List<TaskReport> tasks, List<String> completedBeforeRun,
                            List<String> blockedBeforeRun, List<Withdrawal> withdrawn,
                            List<InvalidFile> invalidFiles, List<CommitReport> commits, List<TimelineEntry> timeline,
                            Metrics metrics, List<BacklogRow> backlog, Insights insights) {
    public SessionReport {
        tasks = List.copyOf(tasks);
        completedBeforeRun = List.copyOf(completedBeforeRun);
        blockedBeforeRun = List.copyOf(blockedBeforeRun);
        withdrawn = List.copyOf(withdrawn);
        invalidFiles = List.copyOf(invalidFiles);
        commits = List.copyOf(commits);
        timeline = List.copyOf(timeline);
        backlog = List.copyOf(backlog);
    }

    /** The report of a run as its ledger stands now. */
    public static SessionReport of(RunLedger run) {
        return new ReportBuilder(run).build();
    }

    public String runId() {
        return run.runId();
    }
}
