package io.taskstream.reporter.report.insight;

import io.taskstream.events.data.RepoCommit;
import io.taskstream.reporter.report.CriterionReport;
import io.taskstream.reporter.report.TaskReport;
import io.taskstream.reporter.session.CommitSubjects;
import io.taskstream.reporter.session.EventText;
import io.taskstream.reporter.session.GitCommit;
import io.taskstream.reporter.session.RunLedger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's commits per repository: the task repo's from the verifier's events (subjects rebuilt, see
 * {@link CommitSubjects}), the GitOps and workspace repositories' from the {@code commits} of verified criteria.
 */
final class GitOperations {
    static final String TASK_REPO = "task repo";
    static final String GITOPS = "GitOps";
    static final String WORKSPACE = "workspace";

    private GitOperations() {
    }

    static List<RepoOperations> of(RunLedger run, String taskRepo, List<TaskReport> tasks) {
        List<RepoOperations> out = new ArrayList<>();
        List<RepoOperations.Commit> taskCommits = taskRepo(run);
        if (!taskCommits.isEmpty()) {
            out.add(new RepoOperations(taskRepo == null || taskRepo.isBlank() ? "task repo" : taskRepo, TASK_REPO,
                    taskCommits));
        }
        Map<String, List<RepoOperations.Commit>> elsewhere = new LinkedHashMap<>();
        Map<String, String> roles = new LinkedHashMap<>();
        for (TaskReport t : tasks) {
            for (CriterionReport c : t.criteria()) {
                for (RepoCommit rc : c.repoCommits()) {
                    boolean gitops = c.verify().stream().anyMatch(v -> v.startsWith("set-image"))
                            || rc.branch().startsWith("taskstream/") || rc.repository().contains(":");
                    roles.putIfAbsent(rc.repository(), gitops ? GITOPS : WORKSPACE);
                    elsewhere.computeIfAbsent(rc.repository(), k -> new ArrayList<>()).add(commit(t, c, rc, gitops));
                }
            }
        }
        elsewhere.forEach((repo, commits) -> out.add(new RepoOperations(repo, roles.get(repo), commits)));
        return out;
    }

    private static List<RepoOperations.Commit> taskRepo(RunLedger run) {
        Map<String, List<GitCommit>> bySha = new LinkedHashMap<>();
        for (GitCommit c : run.commits()) {
            bySha.computeIfAbsent(c.sha(), k -> new ArrayList<>()).add(c);
        }
        List<RepoOperations.Commit> out = new ArrayList<>();
        bySha.forEach((sha, records) -> {
            List<CommitSubjects.Record> recs = records.stream().map(GitCommit::record).toList();
            out.add(new RepoOperations.Commit(sha, EventText.shortSha(sha), records.get(0).time(), "",
                    CommitSubjects.subject(recs), true, true, "",
                    records.stream().map(r -> r.taskId() + ": " + r.what()).toList()));
        });
        return out;
    }

    private static RepoOperations.Commit commit(TaskReport t, CriterionReport c, RepoCommit rc, boolean gitops) {
        // A GitOps commit's subject names the YAML path and value it set, which no event carries.
        String subject = gitops ? t.id() + " #" + c.number() + ": set-image (" + c.text() + ")"
                : CommitSubjects.workspace(t.id(), c.number(), c.text());
        String note = rc.commit().isEmpty() ? (rc.note().isEmpty() ? "no commit made" : rc.note()) : rc.note();
        return new RepoOperations.Commit(rc.commit(), rc.commit().isEmpty() ? "" : EventText.shortSha(rc.commit()),
                c.spans().isEmpty() ? null : c.spans().get(c.spans().size() - 1).end(), rc.branch(), subject,
                !gitops, rc.pushed(), note, List.of(t.id() + " #" + c.number()));
    }
}
