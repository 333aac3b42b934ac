package io.taskstream.actions;

import io.taskstream.actions.gitops.GitOpsRepo;
import io.taskstream.actions.workspace.RepoClaims;
import io.taskstream.actions.workspace.RepoCommits;
import io.taskstream.actions.workspace.WorkspaceChanges;
import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.RepoCommit;
import org.eclipse.jgit.lib.PersonIdent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The commits a criterion leaves outside the task repo, made or named only once it is verified: one commit in each
 * workspace repository its steps changed (pushed where a remote exists), and the GitOps commits its set-image steps
 * already pushed.
 */
public final class VerifiedCommits {
    private final WorkspaceChanges changes;
    private final RepoCommits commits = new RepoCommits();
    private final boolean commitWorkspace;

    public VerifiedCommits(WorkspaceChanges changes, boolean commitWorkspace) {
        this.changes = changes;
        this.commitWorkspace = commitWorkspace;
    }

    /**
     * Commits each repository while holding it, as a running criterion does: a criterion of the same task may be
     * running there already (the executor goes on while the verifier checks), and the commit waits for its steps.
     */
    public List<RepoCommit> record(String taskId, CriterionSpec spec, String runId, Map<String, String> facts,
                                   List<String> changedFiles) throws InterruptedException {
        List<RepoCommit> out = new ArrayList<>(gitops(facts));
        if (commitWorkspace && !changedFiles.isEmpty()) {
            String message = RepoCommits.message(taskId, spec.number(), spec.text(), runId);
            PersonIdent author = new PersonIdent(Tools.IDENTITY.name(), Tools.IDENTITY.email());
            for (Map.Entry<String, List<String>> repo : changes.byRepo(changedFiles).entrySet()) {
                RepoClaims.Claim claim = changes.hold(repo.getKey());
                try {
                    out.addAll(commits.commit(changes.root(), Map.of(repo.getKey(), repo.getValue()), message, author));
                } finally {
                    claim.release();
                }
            }
        }
        return out;
    }

    /** Every set-image step's commit, once each (facts hold the latest under plain keys and each under its index). */
    private static List<RepoCommit> gitops(Map<String, String> facts) {
        Set<RepoCommit> out = new LinkedHashSet<>();
        facts.forEach((key, commit) -> {
            if (key.endsWith(GitOpsRepo.COMMIT)) {
                String prefix = key.substring(0, key.length() - GitOpsRepo.COMMIT.length());
                String branch = facts.getOrDefault(prefix + GitOpsRepo.BRANCH, "");
                out.add(new RepoCommit(facts.getOrDefault(prefix + GitOpsRepo.REPO, "GitOps repo"), commit, branch,
                        true, branch.startsWith("taskstream/") ? "on its own branch for a person to merge" : ""));
            }
        });
        return List.copyOf(out);
    }
}
