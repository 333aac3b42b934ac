package io.taskstream.actions;

import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.FailureCause;
import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.runtime.process.CommandRunner;
import io.taskstream.runtime.process.Workspace;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The acting half of a criterion's steps (what the executor runs), with real bash in a temp workspace. */
class CriterionStepsActTest {
    @TempDir
    Path root;
    private CriterionSteps steps;

    @BeforeEach
    void setUp() {
        steps = new CriterionSteps(new Workspace(root), new Tools(CommandRunner.defaults(), Map.of("GUARD", "on")),
                Map.of("token", "t0k3n-v4lue-987"), Duration.ofSeconds(30));
    }

    private static CriterionSpec spec(String in, Map<String, String> env, List<String> run, List<String> verify) {
        return new CriterionSpec(1, "the criterion", 12, false, run, in, env, 0, verify, List.of(), List.of());
    }

    private static TaskSnapshot task(String branch, CriterionSpec spec) {
        return new TaskSnapshot("TASK-1", "t", "high", "pending", "tasks/active/TASK-1.md", List.of(), List.of(),
                "general", List.of(spec), branch);
    }

    private StepResult act(String branch, CriterionSpec spec) throws InterruptedException {
        return steps.act(task(branch, spec), spec, Map.of());
    }

    @Test
    void runStepsRunInOrderWithTheToolsEnvironmentAndVerifyStepsDoNot() throws Exception {
        CriterionSpec spec = spec("", Map.of("T", "${secret:token}"),
                List.of("echo one >> order", "echo two >> order; echo \"guard=$GUARD token=$T\""),
                List.of("touch verified-by-executor"));

        StepResult r = act("", spec);

        assertThat(r).isInstanceOfSatisfying(StepResult.Done.class, d -> {
            assertThat(d.output()).contains("guard=on token=[REDACTED]").doesNotContain("t0k3n");
            assertThat(d.outputBytes()).isPositive();
        });
        assertThat(Files.readAllLines(root.resolve("order"))).containsExactly("one", "two");
        assertThat(root.resolve("verified-by-executor")).doesNotExist();
    }

    @Test
    void theFirstFailingStepEndsTheAttemptWithItsPositionAndExitCode() throws Exception {
        StepResult r = act("", spec("", Map.of(), List.of("true", "echo broke; exit 4", "touch third"), List.of()));

        assertThat(r).isInstanceOfSatisfying(StepResult.Failed.class, f -> {
            assertThat(f.cause()).isEqualTo(FailureCause.RUN_FAILED);
            assertThat(f.reason()).isEqualTo("step 2 exited with 4");
            assertThat(f.output()).contains("broke");
            assertThat(f.retryable()).isTrue();
        });
        assertThat(root.resolve("third")).doesNotExist();
    }

    @Test
    void theWorkingDirectoryMustBeOnTheBranchTheTaskNames() throws Exception {
        Path project = Files.createDirectories(root.resolve("beckerkube"));
        try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("feature/registry").call()) {
            git.commit().setAllowEmpty(true).setMessage("init").setAuthor("t", "t@example.invalid")
                    .setCommitter("t", "t@example.invalid").call();
        }
        CriterionSpec spec = spec("beckerkube", Map.of(), List.of("touch ran"), List.of());

        assertThat(act("main", spec)).isInstanceOfSatisfying(StepResult.Failed.class, f -> {
            assertThat(f.cause()).isEqualTo(FailureCause.SAFETY_CHECK);
            assertThat(f.reason()).contains("on branch feature/registry, the task expects main");
            assertThat(f.retryable()).isFalse();
        });
        assertThat(project.resolve("ran")).doesNotExist();
        assertThat(act("feature/registry", spec)).isInstanceOf(StepResult.Done.class);
        assertThat(act("", spec)).as("no branch named, none checked").isInstanceOf(StepResult.Done.class);
    }

    @Test
    void aTaskThatNamesABranchCannotRunOutsideAGitWorkTree() throws Exception {
        Files.createDirectories(root.resolve("plain"));

        assertThat(act("main", spec("plain", Map.of(), List.of("true"), List.of())))
                .isInstanceOfSatisfying(StepResult.Failed.class,
                        f -> assertThat(f.reason()).contains("not in a git work tree"));
    }

    @Test
    void thePlanListsWhatEachHalfWouldDoWithSecretsRedacted() {
        CriterionSpec spec = spec("", Map.of("T", "${secret:token}"), List.of("make push"),
                List.of("curl -fs http://127.0.0.1:5000/v2/"));

        assertThat(steps.describeActs(spec)).containsExactly("make push");
        assertThat(steps.describeChecks(spec)).containsExactly("curl -fs http://127.0.0.1:5000/v2/");
        assertThat(Plans.plan(task("", spec), io.taskstream.events.data.ExecutionOptions.defaults(),
                steps::redactorFor)).singleElement().satisfies(p -> assertThat(p.plan()).isEqualTo(Plans.RUN));
    }
}
