package io.taskstream.actions.gitops;

import io.taskstream.actions.StepResult;
import io.taskstream.actions.StepResult.Done;
import io.taskstream.events.data.FailureCause;
import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.task.action.SetImageAction;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static io.taskstream.actions.gitops.Fixtures.replacedOnce;
import static org.assertj.core.api.Assertions.assertThat;

class GitOpsRepoTest {
    private static final String RELEASE = "apps/base/podinfo/release.yaml";
    private static final SetImageAction BUMP = SetImageAction.parse(RELEASE + " spec.values.image.tag = 0.1.18");

    @TempDir
    Path dir;
    private GitRemote remote;
    private ObjectId seed;
    private GitOpsRepo repo;

    @BeforeEach
    void seed() throws Exception {
        remote = new GitRemote(dir, Fixtures.repo());
        seed = remote.head("main");
    }

    @AfterEach
    void close() {
        if (repo != null) {
            repo.close();
        }
        remote.close();
    }

    private GitOpsRepo repo(boolean branchMode) {
        repo = new GitOpsRepo(new GitOpsConfig(remote.url, "main", dir.resolve("taskstream"),
                new GitTaskRepo.Identity("Taskstream", "taskstream@example.com"), "apps/production", branchMode));
        return repo;
    }

    private StepResult bump(GitOpsRepo r) {
        return r.setImage(BUMP, "0.1.18", "TASK-1", 3, "The podinfo release runs 0.1.18");
    }

    @Test
    void commitsAndPushesOneCommitThatChangesOnlyTheScalar() throws Exception {
        StepResult result = bump(repo(false));

        assertThat(result).isInstanceOf(StepResult.Done.class);
        ObjectId head = remote.head("main");
        RevCommit commit = remote.commit(head);
        assertThat(commit.getParent(0).getId()).isEqualTo(seed);
        assertThat(commit.getShortMessage()).isEqualTo("TASK-1 #3: set spec.values.image.tag to 0.1.18 in " + RELEASE);
        assertThat(commit.getFullMessage()).isEqualTo("TASK-1 #3: set spec.values.image.tag to 0.1.18 in " + RELEASE
                + "\n\nCriterion 3: The podinfo release runs 0.1.18\n\nIt was 0.1.17 (line 24).\n\n"
                + "Taskstream-Run: TASK-1\nTaskstream-Event: TASK-1#3");
        assertThat(commit.getAuthorIdent().getName()).isEqualTo("Taskstream");
        assertThat(remote.changed(head)).containsExactly(RELEASE);
        assertThat(remote.read(head, RELEASE)).isEqualTo(replacedOnce(Fixtures.text(RELEASE), "\"0.1.17\"", "\"0.1.18\""));
        Done done = (Done) result;
        assertThat(done.facts()).containsExactlyInAnyOrderEntriesOf(Map.of("gitops.repo", remote.url,
                "gitops.branch", "main", "gitops.commit", head.name(), "gitops.file", RELEASE,
                "gitops.path", "spec.values.image.tag", "gitops.value", "0.1.18",
                "gitops.object", "HelmRelease/podinfo/podinfo"));
        assertThat(done.output()).contains("from 0.1.17 to 0.1.18", head.name(), "pushed to main");
    }

    @Test
    void aContainerOfAMultiDocumentDeploymentIsSetByName() throws Exception {
        String file = "apps/base/api/deployment.yaml";
        SetImageAction api = SetImageAction.parse(file + " spec.template.spec.containers[name=api].image"
                + " = registry.example.com/shop/api:1.5.0");

        StepResult result = repo(false).setImage(api, api.value(), "TASK-2", 1, "The API runs 1.5.0");

        assertThat(result).isInstanceOf(StepResult.Done.class);
        ObjectId head = remote.head("main");
        assertThat(remote.changed(head)).containsExactly(file);
        assertThat(remote.read(head, file)).isEqualTo(replacedOnce(Fixtures.text(file), "api:1.4.2", "api:1.5.0"));
    }

    @Test
    void aSecondCallFindsTheValueAndCommitsNothing() throws Exception {
        GitOpsRepo r = repo(false);
        bump(r);
        ObjectId first = remote.head("main");

        StepResult again = bump(r);

        assertThat(again).isInstanceOf(StepResult.Done.class);
        assertThat(remote.head("main")).isEqualTo(first);
        assertThat(((Done) again).facts()).containsEntry("gitops.commit", first.name());
        assertThat(again.output()).contains("already 0.1.18", "nothing to commit");
    }

    @Test
    void anInvalidManifestIsRefusedBeforeCommitting() throws Exception {
        SetImageAction rename = SetImageAction.parse(RELEASE + " metadata.name = Podinfo_2");

        StepResult result = repo(false).setImage(rename, "Podinfo_2", "TASK-1", 3, "Rename");

        assertThat(result).isInstanceOfSatisfying(StepResult.Failed.class, f -> {
            assertThat(f.cause()).isEqualTo(FailureCause.SAFETY_CHECK);
            assertThat(f.retryable()).isFalse();
            assertThat(f.reason()).isEqualTo("refused before committing: " + RELEASE
                    + " has the metadata.name 'Podinfo_2', which is not a valid Kubernetes name"
                    + " (lower-case letters, digits, '-' and '.')");
        });
        assertThat(remote.head("main")).isEqualTo(seed);
    }

    @Test
    void aKustomizeFailureIsQuotedAndNothingIsPushed() throws Exception {
        SetImageAction patch = SetImageAction.parse("apps/production/kustomization.yaml patches[0].path = podinfo-v2.yaml");

        StepResult result = repo(false).setImage(patch, "podinfo-v2.yaml", "TASK-1", 3, "Use the v2 values");

        assertThat(result).isInstanceOfSatisfying(StepResult.Failed.class, f -> {
            assertThat(f.cause()).isEqualTo(FailureCause.SAFETY_CHECK);
            assertThat(f.reason()).startsWith("refused before committing: kubectl kustomize apps/production failed")
                    .contains("apps/production/podinfo-v2.yaml: no such file or directory");
        });
        assertThat(remote.head("main")).isEqualTo(seed);
    }

    @Test
    void aPathThatIsNotThereFailsAndPushesNothing() throws Exception {
        SetImageAction missing = SetImageAction.parse(RELEASE + " spec.values.images.tag = 0.1.18");

        StepResult result = repo(false).setImage(missing, "0.1.18", "TASK-1", 3, "Bump");

        assertThat(result).isInstanceOfSatisfying(StepResult.Failed.class, f -> {
            assertThat(f.retryable()).isFalse();
            assertThat(f.reason()).isEqualTo(RELEASE + ": the path spec.values.images.tag does not exist: the deepest"
                    + " key that exists is spec.values, and it has no key 'images'");
        });
        assertThat(remote.head("main")).isEqualTo(seed);
    }

    @Test
    void branchModePushesATaskBranchAndLeavesMainAlone() throws Exception {
        GitOpsRepo r = repo(true);
        assertThat(bump(r)).isInstanceOf(StepResult.Done.class);
        assertThat(remote.head("main")).isEqualTo(seed);
        assertThat(remote.head("taskstream/TASK-1-3")).isNotNull();
        // the branch of that earlier attempt is made again from main's newest commit
        ObjectId main = remote.commit(Map.of("README.md", "GitOps\n"), "Docs");

        StepResult result = r.setImage(SetImageAction.parse(RELEASE + " spec.values.image.tag = 0.1.19"), "0.1.19",
                "TASK-1", 3, "The podinfo release runs 0.1.19");

        assertThat(result).isInstanceOf(StepResult.Done.class);
        assertThat(remote.head("main")).isEqualTo(main);
        ObjectId branch = remote.head("taskstream/TASK-1-3");
        assertThat(remote.commit(branch).getParent(0).getId()).isEqualTo(main);
        assertThat(remote.changed(branch)).containsExactly(RELEASE);
        assertThat(((Done) result).facts()).containsEntry("gitops.branch", "taskstream/TASK-1-3")
                .containsEntry("gitops.commit", branch.name());
        assertThat(result.output()).contains("pushed to taskstream/TASK-1-3", "from 0.1.17 to 0.1.19");
        assertThat(r.check(((Done) result).facts())).isInstanceOf(StepResult.Done.class);
    }

    @Test
    void checkPassesAfterTheChangeAndFailsWhenSomeoneSetsAnotherValueOnTop() throws Exception {
        GitOpsRepo r = repo(false);
        Map<String, String> facts = ((Done) bump(r)).facts();

        StepResult passed = r.check(facts);
        assertThat(passed).isInstanceOf(StepResult.Done.class);
        assertThat(passed.output()).contains(facts.get("gitops.commit"), "is the head of main", "is 0.1.18 there");

        String theirs = replacedOnce(Fixtures.text(RELEASE), "\"0.1.17\"", "\"0.1.20\"");
        ObjectId head = remote.commit(Map.of(RELEASE, theirs), "Roll forward to 0.1.20");

        assertThat(r.check(facts)).isInstanceOfSatisfying(StepResult.Failed.class, f -> assertThat(f.reason())
                .isEqualTo("spec.values.image.tag in " + RELEASE + " is 0.1.20, not 0.1.18, at " + head.name()
                        + ", the head of main"));
    }

    @Test
    void checkFailsWhenTheCommitIsNotOnTheBranch() throws Exception {
        GitOpsRepo r = repo(false);
        Map<String, String> facts = new HashMap<>(((Done) bump(r)).facts());
        facts.put("gitops.commit", "0123456789abcdef0123456789abcdef01234567");

        assertThat(r.check(facts)).isInstanceOfSatisfying(StepResult.Failed.class, f -> assertThat(f.reason())
                .startsWith("the commit 0123456789abcdef0123456789abcdef01234567 is not on main of " + remote.url));
    }
}
