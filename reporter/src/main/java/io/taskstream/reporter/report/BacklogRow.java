package io.taskstream.reporter.report;

/** One row of the backlog table: every task the run touched, invalid files and tasks completed before it. */
public record BacklogRow(String task, String status, String priority, int completionPercent, String nextAction) {
}
