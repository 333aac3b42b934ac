package io.taskstream.reporter.report;

import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.data.ScanCompleted;
import io.taskstream.events.data.ScanRequested;
import io.taskstream.reporter.report.insight.CriticalIssue;
import io.taskstream.reporter.report.insight.Insights;
import io.taskstream.reporter.session.EventText;
import io.taskstream.reporter.session.GitCommit;
import io.taskstream.reporter.session.InvalidFile;
import io.taskstream.reporter.session.RunLedger;
import io.taskstream.reporter.session.TaskLedger;
import io.taskstream.reporter.session.TimelineEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds a {@link SessionReport} from a run's ledger. */
final class ReportBuilder {
    private final RunLedger run;

    ReportBuilder(RunLedger run) {
        this.run = run;
    }

    SessionReport build() {
        TaskReports reports = new TaskReports(run);
        List<TaskReport> tasks = orderedTasks().stream().map(reports::of).toList();
        List<TimelineEntry> timeline = run.timeline();
        List<InvalidFile> invalid = run.invalidFiles();
        List<CommitReport> commits = commits();
        List<String> before = run.scan() == null ? List.of() : run.scan().completed();
        List<String> blockedBefore = run.scan() == null ? List.of() : run.scan().blocked();
        Summary summary = summary(tasks, timeline, invalid, before, blockedBefore);
        List<Withdrawal> withdrawn = tasks.stream().map(TaskReport::withdrawal).filter(w -> w != null).toList();
        RunInfo info = info();
        Insights insights = Insights.of(run, info.repository(), summary, tasks, invalid);
        return new SessionReport(info, summary, tasks, before, blockedBefore, withdrawn, invalid, commits, timeline,
                metrics(tasks, commits, summary), backlog(tasks, invalid, before, blockedBefore, insights), insights);
    }

    /**
     * Queue order first, then the tasks held back and those the scan found withdrawn, in the scan's order, then
     * anything else by queue position and id.
     */
    private List<TaskLedger> orderedTasks() {
        Set<String> ids = new LinkedHashSet<>(run.population());
        run.tasks().stream()
                .filter(t -> t.snapshot() != null || t.terminal())
                .sorted(Comparator.comparing((TaskLedger t) -> t.run() == null ? Integer.MAX_VALUE
                        : t.run().ready().queuePosition()).thenComparing(TaskLedger::taskId))
                .forEach(t -> ids.add(t.taskId()));
        List<TaskLedger> out = new ArrayList<>();
        for (String id : ids) {
            run.task(id).ifPresent(out::add);
        }
        return out;
    }

    private RunInfo info() {
        ScanRequested r = run.request();
        ScanCompleted s = run.scan();
        ExecutionOptions o = r != null && r.options() != null ? r.options() : readyOptions();
        String repository = s != null ? s.repository() : r != null ? r.repository() : null;
        String branch = s != null ? s.branch() : r != null ? r.branch() : null;
        boolean incremental = s != null && s.incremental();
        return new RunInfo(run.runId(), r == null ? null : r.trigger(), run.requestedAt(), repository, branch,
                s == null ? null : s.commit(), run.scannedAt(), o.dryRun(), o.criteriaFilter(),
                o.skipVerification(), incremental, incremental ? s.previousCommit() : null, run.finished());
    }

    /**
     * The options the first ready task carried, for a run whose request was not seen (it is on another
     * partition, or older than the log); the defaults when no task became ready.
     */
    private ExecutionOptions readyOptions() {
        return run.tasks().stream().filter(t -> t.run() != null && t.run().ready().options() != null)
                .min(Comparator.comparingInt((TaskLedger t) -> t.run().ready().queuePosition())
                        .thenComparing(TaskLedger::taskId))
                .map(t -> t.run().ready().options()).orElse(ExecutionOptions.defaults());
    }

    private Summary summary(List<TaskReport> tasks, List<TimelineEntry> timeline, List<InvalidFile> invalid,
                            List<String> before, List<String> blockedBefore) {
        int listed = run.scan() == null ? tasks.size() : run.population().size();
        Set<String> invalidPaths = new LinkedHashSet<>();
        invalid.forEach(f -> invalidPaths.add(f.path()));
        if (run.scan() != null) {
            invalidPaths.addAll(run.scan().invalid());
        }
        List<TaskReport> processed = tasks.stream().filter(t -> t.queuePosition() != null).toList();
        // A planned task's criteria were neither met nor failed: the run's criteria numbers leave them out.
        List<TaskReport> executed = processed.stream().filter(t -> t.status() != TaskStatus.PLANNED).toList();
        int met = executed.stream().mapToInt(TaskReport::criteriaMet).sum();
        int total = executed.stream().mapToInt(TaskReport::criteriaTotal).sum();
        int wouldRun = tasks.stream().filter(t -> t.plan() != null).mapToInt(t -> t.plan().wouldRun()).sum();
        Instant start = run.requestedAt() != null ? run.requestedAt()
                : timeline.isEmpty() ? null : timeline.get(0).time();
        Instant end = timeline.isEmpty() ? null : timeline.get(timeline.size() - 1).time();
        long millis = start == null || end == null ? 0 : Math.max(0, Duration.between(start, end).toMillis());
        return new Summary(listed, processed.size(), count(tasks, TaskStatus.COMPLETED),
                count(tasks, TaskStatus.BLOCKED), count(tasks, TaskStatus.WITHDRAWN),
                count(tasks, TaskStatus.PLANNED),
                count(tasks, TaskStatus.WAITING) + count(tasks, TaskStatus.HELD_BACK),
                invalidPaths.size(), before.size(), blockedBefore.size(), met, total, Percent.of(met, total),
                wouldRun, start, end, millis);
    }

    private static int count(List<TaskReport> tasks, TaskStatus status) {
        return (int) tasks.stream().filter(t -> t.status() == status).count();
    }

    private List<CommitReport> commits() {
        Map<String, List<String>> what = new LinkedHashMap<>();
        Map<String, Instant> first = new LinkedHashMap<>();
        for (GitCommit c : run.commits()) {
            what.computeIfAbsent(c.sha(), k -> new ArrayList<>()).add(c.taskId() + ": " + c.what());
            first.putIfAbsent(c.sha(), c.time());
        }
        List<CommitReport> out = new ArrayList<>();
        what.forEach((sha, lines) -> out.add(new CommitReport(sha, EventText.shortSha(sha), first.get(sha), lines)));
        return out;
    }

    private static Metrics metrics(List<TaskReport> tasks, List<CommitReport> commits, Summary s) {
        List<CriterionReport> all = tasks.stream()
                .filter(t -> t.queuePosition() != null && t.status() != TaskStatus.PLANNED)
                .flatMap(t -> t.criteria().stream()).toList();
        int verificationFailures = all.stream().mapToInt(CriterionReport::verificationFailures).sum();
        return new Metrics(s.criteriaMet(), s.criteriaTotal(), s.percentMet(), Metrics.BASIS,
                Percent.of(s.completed(), s.processed() - s.planned()),
                countResult(all, CriterionResult.VERIFIED), countResult(all, CriterionResult.ALREADY_DONE),
                countResult(all, CriterionResult.FAILED), countResult(all, CriterionResult.SKIPPED),
                countResult(all, CriterionResult.UNVERIFIABLE),
                all.stream().mapToInt(CriterionReport::attempts).sum(),
                all.stream().mapToInt(CriterionReport::retries).sum(),
                verificationFailures,
                all.stream().mapToLong(CriterionReport::durationMillis).sum(),
                all.stream().mapToLong(CriterionReport::verificationMillis).sum(),
                commits.size(), s.durationMillis());
    }

    /** The next action, referring to the task's critical issues by number rather than repeating their reasons. */
    private static String nextAction(TaskReport t, Insights insights) {
        List<CriticalIssue> own = insights.issuesOf(t.id());
        if (t.status() != TaskStatus.BLOCKED || own.isEmpty()) {
            return t.nextAction();
        }
        List<CriticalIssue> fixes = own.stream().filter(i -> !i.kind().needsPerson()).toList();
        List<CriticalIssue> person = own.stream().filter(i -> i.kind().needsPerson()).toList();
        List<String> parts = new ArrayList<>();
        if (!fixes.isEmpty()) parts.add("Fix " + refs(fixes) + ", then rerun");
        if (!person.isEmpty()) parts.add("A person: " + refs(person));
        return String.join("; ", parts);
    }

    private static String refs(List<CriticalIssue> issues) {
        return (issues.size() == 1 ? "issue " : "issues ")
                + String.join(", ", issues.stream().map(i -> String.valueOf(i.number())).toList());
    }

    private static int countResult(List<CriterionReport> all, CriterionResult r) {
        return (int) all.stream().filter(c -> c.result() == r).count();
    }

    private static List<BacklogRow> backlog(List<TaskReport> tasks, List<InvalidFile> invalid, List<String> before,
                                            List<String> blockedBefore, Insights insights) {
        List<BacklogRow> rows = new ArrayList<>();
        for (TaskReport t : tasks) {
            rows.add(new BacklogRow(t.id(), t.status().label(), t.priority(), t.completionPercent(),
                    nextAction(t, insights)));
        }
        for (InvalidFile f : invalid) {
            rows.add(new BacklogRow(f.subject(), "Invalid", "", 0, "Fix " + f.location() + ": " + f.problem()));
        }
        for (String id : blockedBefore) {
            rows.add(new BacklogRow(id, "Blocked before this run", "", 0, "A person clears the block in its file"));
        }
        for (String id : before) {
            rows.add(new BacklogRow(id, "Completed before this run", "", 100, "None (archived)"));
        }
        return rows;
    }
}
