package io.taskstream.reporter.report.insight;

import io.taskstream.reporter.report.Summary;
import io.taskstream.reporter.report.TaskReport;
import io.taskstream.reporter.session.InvalidFile;
import io.taskstream.reporter.session.RunLedger;

import java.util.List;

/**
 * What a person reads a session report for, beyond the numbers, all computed from the run's events.
 *
 * @param summary         the summary in sentences; reasons are referred to by issue number
 * @param issues          every failed or unverified criterion
 * @param recommendations what to do next, most urgent first
 * @param verification    what proved each verified criterion
 * @param git             commits per repository
 * @param lanes           one timeline lane per task
 */
public record Insights(List<String> summary, List<CriticalIssue> issues, List<Recommendation> recommendations,
                       List<VerificationEvidence> verification, List<RepoOperations> git, List<TaskTimeline> lanes) {
    public Insights {
        summary = List.copyOf(summary);
        issues = List.copyOf(issues);
        recommendations = List.copyOf(recommendations);
        verification = List.copyOf(verification);
        git = List.copyOf(git);
        lanes = List.copyOf(lanes);
    }

    /** The insights of a run whose tasks and summary are built. */
    public static Insights of(RunLedger run, String taskRepo, Summary summary, List<TaskReport> tasks,
                              List<InvalidFile> invalid) {
        List<CriticalIssue> issues = new Issues(run, tasks).find();
        List<RepoOperations> git = GitOperations.of(run, taskRepo, tasks);
        List<Recommendation> recommendations = new java.util.ArrayList<>(Recommendations.of(tasks, issues, invalid));
        recommendations.sort(java.util.Comparator.comparing(Recommendation::priority));
        return new Insights(Narrative.of(summary, tasks, issues, invalid), issues, recommendations,
                Verifications.of(run, tasks, git), git, Timelines.of(run, tasks));
    }

    /** The issues of one task. */
    public List<CriticalIssue> issuesOf(String task) {
        return issues.stream().filter(i -> i.task().equals(task)).toList();
    }
}
