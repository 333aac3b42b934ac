package io.taskstream.reporter.report.insight;

import io.taskstream.reporter.report.CriterionReport;
import io.taskstream.reporter.report.CriterionResult;
import io.taskstream.reporter.report.TaskReport;
import io.taskstream.reporter.session.RunLedger;

import java.util.ArrayList;
import java.util.List;

/** The evidence of every criterion verified in the run. */
final class Verifications {
    private Verifications() {
    }

    static List<VerificationEvidence> of(RunLedger run, List<TaskReport> tasks, List<RepoOperations> git) {
        List<VerificationEvidence> out = new ArrayList<>();
        for (TaskReport t : tasks) {
            for (CriterionReport c : t.criteria()) {
                if (c.result() != CriterionResult.VERIFIED) {
                    continue;
                }
                out.add(new VerificationEvidence(t.id(), c.number(), c.text(), c.attempts(), c.verificationMillis(),
                        c.checks().isEmpty() ? c.verify() : c.checks(), verifiedOutput(run, t.id(), c), c.commit(),
                        subject(git, c.commit()), c.repoCommits()));
            }
        }
        return out;
    }

    private static String verifiedOutput(RunLedger run, String task, CriterionReport c) {
        return run.task(task).map(l -> l.stats(c.number()).verificationOutput()).map(String::strip)
                .filter(s -> !s.isEmpty()).map(Verifications::excerpt).orElse(null);
    }

    private static String excerpt(String s) {
        return s.length() > 400 ? "..." + s.substring(s.length() - 397) : s;
    }

    private static String subject(List<RepoOperations> git, String sha) {
        return git.stream().filter(r -> r.role().equals(GitOperations.TASK_REPO)).flatMap(r -> r.commits().stream())
                .filter(c -> c.sha().equals(sha)).map(RepoOperations.Commit::subject).findFirst().orElse(null);
    }
}
