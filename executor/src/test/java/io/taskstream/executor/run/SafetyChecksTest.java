package io.taskstream.executor.run;

import io.taskstream.events.data.ActionSpec;
import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.TaskSnapshot;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 001's checks before acting: right branch, right cluster. */
class SafetyChecksTest {
    @TempDir
    Path dir;

    private static CriterionSpec criterion(String run, List<ActionSpec> actions) {
        return new CriterionSpec(1, "c", 10, false, List.of(run), "", Map.of(), 0, List.of(), List.of(), actions);
    }

    private static TaskSnapshot task(String branch) {
        return new TaskSnapshot("TASK-1", "t", "high", "active", "tasks/active/TASK-1.md", List.of(), List.of(),
                "deployment", List.of(), branch);
    }

    private Path kubeconfig(String context) throws Exception {
        return Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\ncurrent-context: " + context + "\n");
    }

    @Test
    void clusterCommandsAreRefusedWithoutAConfiguredContext() throws Exception {
        SafetyChecks checks = new SafetyChecks("", kubeconfig("minikube"));
        assertThat(checks.refuse(task(""), criterion("kubectl get pods -n registry", List.of()), dir))
                .hasValueSatisfying(r -> assertThat(r).contains("no kube context is configured"));
    }

    @Test
    void clusterCommandsRunOnlyAgainstTheConfiguredContext() throws Exception {
        Path config = kubeconfig("production");
        assertThat(new SafetyChecks("minikube", config).refuse(task(""), criterion("flux reconcile kustomization apps", List.of()), dir))
                .hasValueSatisfying(r -> assertThat(r).contains("'production'").contains("expected 'minikube'"));
        assertThat(new SafetyChecks("production", config).refuse(task(""), criterion("helm list -A", List.of()), dir)).isEmpty();
    }

    @Test
    void aK8sReadyActionTouchesTheClusterAndPlainCommandsDoNot() {
        assertThat(SafetyChecks.touchesCluster(criterion("true", List.of(new ActionSpec("k8s-ready", "deployment/ffl", 12))))).isTrue();
        assertThat(SafetyChecks.touchesCluster(criterion("./scripts/build.sh --push all", List.of()))).isFalse();
        assertThat(SafetyChecks.touchesCluster(criterion("grep kubectlish notes.txt", List.of()))).isFalse();
        assertThat(SafetyChecks.touchesCluster(criterion("cd infra && kubectl apply -k .", List.of()))).isTrue();
    }

    @Test
    void theWorkingDirectoryMustBeOnTheBranchTheTaskNames() throws Exception {
        Path project = Files.createDirectories(dir.resolve("beckerkube"));
        try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("feature/registry").call()) {
            git.commit().setAllowEmpty(true).setMessage("init").setAuthor("t", "t@example.invalid")
                    .setCommitter("t", "t@example.invalid").call();
        }
        SafetyChecks checks = new SafetyChecks("", null);
        assertThat(checks.refuse(task("main"), criterion("make build", List.of()), project))
                .hasValueSatisfying(r -> assertThat(r).contains("on branch feature/registry, the task expects main"));
        assertThat(checks.refuse(task("feature/registry"), criterion("make build", List.of()), project)).isEmpty();
        assertThat(checks.refuse(task(""), criterion("make build", List.of()), project)).as("no branch named, none checked").isEmpty();
    }

    @Test
    void aTaskThatNamesABranchCannotRunOutsideAGitWorkTree() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThat(new SafetyChecks("", null).refuse(task("main"), criterion("true", List.of()), plain))
                .hasValueSatisfying(r -> assertThat(r).contains("not in a git work tree"));
    }
}
