package io.taskstream.actions.gitops;

import io.taskstream.actions.ActionsConfig;
import io.taskstream.actions.CriterionSteps;
import io.taskstream.actions.StepResult;
import io.taskstream.actions.Tools;
import io.taskstream.actions.VerifiedCommits;
import io.taskstream.events.data.ActionSpec;
import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.RepoCommit;
import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.runtime.process.CommandRunner;
import io.taskstream.runtime.process.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** set-image through the one step loop, as executor and verifier run it, against a real file:// GitOps remote. */
class SetImageStepTest {
    private static final String RELEASE = "apps/base/podinfo/release.yaml";
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @TempDir
    Path dir;
    private GitRemote remote;
    private Tools tools;
    private CriterionSteps steps;

    @BeforeEach
    void setUp() throws Exception {
        remote = new GitRemote(dir, Fixtures.repo());
        Path workspace = Files.createDirectories(dir.resolve("workspace"));
        ActionsConfig d = ActionsConfig.defaults(dir.resolve("state"));
        tools = Tools.open(new ActionsConfig("", d.kubeconfig(), d.dockerHost(), List.of(),
                Optional.of(new ActionsConfig.GitOps(remote.url, "main", "", false)), true, dir.resolve("state")),
                CommandRunner.defaults());
        steps = new CriterionSteps(new Workspace(workspace), tools, Map.of(), Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        tools.close();
        remote.close();
    }

    private static CriterionSpec bump(String value, List<Integer> needs) {
        return new CriterionSpec(2, "Podinfo points at 0.1.18", 20, false, List.of(), "", Map.of(), 0, List.of(),
                needs, List.of(new ActionSpec("set-image", RELEASE + " spec.values.image.tag = " + value, 21)));
    }

    private static TaskSnapshot task(CriterionSpec spec) {
        return new TaskSnapshot("TASK-6", "Deploy", "high", "active", "tasks/active/TASK-6.md", List.of("flux"),
                List.of(), "deployment", List.of(spec));
    }

    @Test
    void aPinnedBumpTakesTheDigestTheNeededBuildPushedAndTheCheckFindsItOnTheRemote() throws Exception {
        CriterionSpec spec = bump("0.1.18@digest", List.of(1));

        StepResult acted = steps.act(task(spec), spec, Map.of(1, Map.of("digest", DIGEST)));

        assertThat(acted).isInstanceOf(StepResult.Done.class);
        Map<String, String> facts = ((StepResult.Done) acted).facts();
        assertThat(facts).containsEntry(GitOpsRepo.VALUE, "0.1.18@" + DIGEST).containsKey(GitOpsRepo.COMMIT)
                .containsEntry(GitOpsRepo.OBJECT, "HelmRelease/podinfo/podinfo");
        assertThat(remote.read(remote.head("main"), RELEASE)).contains("0.1.18@" + DIGEST);
        assertThat(steps.check(task(spec), spec, facts)).isInstanceOf(StepResult.Done.class);
        assertThat(new VerifiedCommits(steps.changes(), true).record("TASK-6", spec, "run-1", facts, List.of()))
                .singleElement().satisfies(c -> {
                    assertThat(c.commit()).isEqualTo(facts.get(GitOpsRepo.COMMIT));
                    assertThat(c.branch()).isEqualTo("main");
                    assertThat(c.pushed()).isTrue();
                });
    }

    @Test
    void theCheckFailsWhenSomeoneElseMovedTheTagOnAfterThePush() throws Exception {
        CriterionSpec spec = bump("0.1.18", List.of());
        Map<String, String> facts = ((StepResult.Done) steps.act(task(spec), spec, Map.of())).facts();
        String now = remote.read(remote.head("main"), RELEASE);
        remote.commit(Map.of(RELEASE, now.replace("0.1.18", "0.1.20")), "Someone bumps again");

        assertThat(steps.check(task(spec), spec, facts)).isInstanceOfSatisfying(StepResult.Failed.class,
                f -> assertThat(f.reason()).contains("0.1.20"));
    }

    @Test
    void aPinWithoutABuildToTakeTheDigestFromIsNotRunnableAndPushesNothing() throws Exception {
        CriterionSpec spec = bump("0.1.18@digest", List.of());
        var before = remote.head("main");

        assertThat(steps.act(task(spec), spec, Map.of())).isInstanceOfSatisfying(StepResult.Failed.class,
                f -> assertThat(f.reason()).contains("pins a digest (@digest)", "it has no needs: step"));
        assertThat(remote.head("main")).isEqualTo(before);
    }

    @Test
    void withoutAGitOpsRepoTheStepIsUnavailableNotFailed() throws Exception {
        CriterionSpec spec = bump("0.1.18", List.of());
        try (Tools none = new Tools(CommandRunner.defaults(), Map.of())) {
            CriterionSteps bare = new CriterionSteps(new Workspace(dir.resolve("workspace")), none, Map.of(),
                    Duration.ofSeconds(30));
            assertThat(bare.act(task(spec), spec, Map.of())).isInstanceOfSatisfying(StepResult.Unavailable.class,
                    u -> assertThat(u.reason()).contains("--gitops-repo"));
        }
    }
}
