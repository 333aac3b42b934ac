package io.taskstream.scanner.queue;

import io.taskstream.scanner.scan.InvalidFile;
import io.taskstream.scanner.scan.ScannedTask;
import io.taskstream.scanner.scan.TaskRepoReader;
import io.taskstream.scanner.testing.TaskText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.taskstream.scanner.testing.TaskText.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TaskQueueTest {
    private static final String ACTIVE = "tasks/active";
    private static final String BACKLOG = "tasks/backlog";

    @TempDir
    Path repo;

    static Stream<Arguments> pairs() {
        return Stream.of(
                arguments("critical before high, even from the backlog and created later",
                        task("TASK-020", "Rebuild service images").priority("critical").status("backlog").created("2025-10-20"), BACKLOG,
                        task("TASK-010", "Reconcile Flux").priority("high").created("2025-10-01"), ACTIVE),
                arguments("high before medium",
                        task("TASK-021", "Investigate triager build").priority("high").status("backlog").created("2025-10-20"), BACKLOG,
                        task("TASK-011", "Audit LoadBalancer IPs").priority("medium").created("2025-10-01"), ACTIVE),
                arguments("medium before low",
                        task("TASK-022", "Prune runner images").priority("medium").status("backlog").created("2025-10-20"), BACKLOG,
                        task("TASK-012", "Tidy runbooks").priority("low").created("2025-10-01"), ACTIVE),
                arguments("active before backlog at equal priority, even when created later",
                        task("TASK-023", "Rebuild service images").priority("high").created("2025-10-20"), ACTIVE,
                        task("TASK-013", "Reconcile Flux").priority("high").status("backlog").created("2025-10-01"), BACKLOG),
                arguments("older created first at equal priority and folder",
                        task("TASK-024", "Rebuild service images").priority("high").status("backlog").created("2025-10-01"), BACKLOG,
                        task("TASK-014", "Reconcile Flux").priority("high").status("backlog").created("2025-10-20"), BACKLOG),
                arguments("a dated task before one without created",
                        task("TASK-025", "Rebuild service images").priority("high").created("2025-10-20"), ACTIVE,
                        task("TASK-015", "Reconcile Flux").priority("high").created(""), ACTIVE),
                arguments("id breaks the last tie",
                        task("TASK-016", "Rebuild service images").priority("high").created("2025-10-16"), ACTIVE,
                        task("TASK-026", "Reconcile Flux").priority("high").created("2025-10-16"), ACTIVE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void readyTasksAreOrdered(String rule, TaskText first, String firstFolder, TaskText second, String secondFolder)
            throws IOException {
        first.writeTo(repo, firstFolder);
        second.writeTo(repo, secondFolder);

        assertThat(ids(plan().ready())).as(rule).containsExactly(first.id(), second.id());
    }

    @Test
    void aMixedRepoIsOrderedByPriorityThenFolderThenCreatedThenId() throws IOException {
        task("TASK-007", "Prune runner images").priority("low").created("2025-10-01").writeTo(repo, ACTIVE);
        task("TASK-006", "Audit LoadBalancer IPs").priority("medium").status("backlog").writeTo(repo, BACKLOG);
        task("TASK-005", "Investigate triager build").priority("high").status("backlog").created("2025-10-17").writeTo(repo, BACKLOG);
        task("TASK-004", "Regenerate registry certificate").priority("high").status("backlog").created("2025-10-15").writeTo(repo, BACKLOG);
        task("TASK-003", "Update HelmReleases").priority("high").created("2025-10-18").writeTo(repo, ACTIVE);
        task("TASK-002", "Rebuild and push all service images").priority("critical").status("backlog").writeTo(repo, BACKLOG);
        task("TASK-008", "Point builds at the new registry").priority("critical").created("2025-10-16").writeTo(repo, ACTIVE);
        task("TASK-009", "Verify Docker daemon registry config").priority("critical").created("2025-10-16").writeTo(repo, ACTIVE);

        assertThat(ids(plan().ready())).containsExactly(
                "TASK-008", "TASK-009", "TASK-002", "TASK-003", "TASK-004", "TASK-005", "TASK-006", "TASK-007");
    }

    /** Seed 003: two phase-1 agents in parallel, two phase-2 agents that wait for both. */
    @Test
    void phaseTwoWaitsForBothPhaseOneTasks() throws IOException {
        task("TASK-A1", "CI Pipeline Optimizer").priority("high").labels("builds").writeTo(repo, ACTIVE);
        task("TASK-A2", "Kubernetes Prerequisite Installer").priority("high").labels("infrastructure").writeTo(repo, ACTIVE);
        task("TASK-B1", "Attic Deployment Executor").priority("high").status("backlog").labels("deployment")
                .dependsOn("TASK-A1", "TASK-A2").writeTo(repo, BACKLOG);
        task("TASK-B2", "Honey Infrastructure Monitor").priority("high").status("backlog").labels("health")
                .dependsOn("TASK-A1", "TASK-A2").writeTo(repo, BACKLOG);

        QueuePlan start = plan();
        assertThat(ids(start.ready())).containsExactly("TASK-A1", "TASK-A2");
        assertThat(waiting(start)).containsExactly(
                Map.entry("TASK-B1", List.of("TASK-A1", "TASK-A2")), Map.entry("TASK-B2", List.of("TASK-A1", "TASK-A2")));

        TaskText.archive(repo, "tasks/active/TASK-A1.md");
        QueuePlan oneDone = plan();
        assertThat(ids(oneDone.ready())).containsExactly("TASK-A2");
        assertThat(ids(oneDone.completed())).containsExactly("TASK-A1");
        assertThat(waiting(oneDone)).containsExactly(
                Map.entry("TASK-B1", List.of("TASK-A2")), Map.entry("TASK-B2", List.of("TASK-A2")));

        TaskText.archive(repo, "tasks/active/TASK-A2.md");
        QueuePlan bothDone = plan();
        assertThat(ids(bothDone.ready())).containsExactly("TASK-B1", "TASK-B2");
        assertThat(bothDone.waiting()).isEmpty();
        assertThat(bothDone.position(bothDone.ready().get(1))).isEqualTo(2);
    }

    /** Seed 000: TASK-002 is blocked on TASK-005, TASK-003 follows TASK-002. */
    @Test
    void seedBacklogRunsTheBlockerFirst() throws IOException {
        task("TASK-001", "Update registry configuration to new IP").priority("critical").status("completed")
                .writeTo(repo, "tasks/completed");
        task("TASK-002", "Rebuild and push all service images").priority("critical").labels("builds", "registry")
                .dependsOn("TASK-005").writeTo(repo, ACTIVE);
        task("TASK-005", "Investigate triager build failure").priority("high").status("backlog").labels("builds")
                .writeTo(repo, BACKLOG);
        task("TASK-003", "Flux reconciliation and verification").priority("high").status("backlog")
                .labels("deployment", "flux").dependsOn("TASK-002").writeTo(repo, BACKLOG);

        QueuePlan plan = plan();

        assertThat(ids(plan.ready())).containsExactly("TASK-005");
        assertThat(waiting(plan)).containsExactly(
                Map.entry("TASK-002", List.of("TASK-005")), Map.entry("TASK-003", List.of("TASK-002")));
        assertThat(ids(plan.completed())).containsExactly("TASK-001");
        assertThat(plan.invalid()).isEmpty();
    }

    @Test
    void aCycleMakesEveryTaskOnItInvalidAndSpellsItOut() throws IOException {
        task("TASK-A", "Migrate runner cache").dependsOn("TASK-B").writeTo(repo, ACTIVE);
        task("TASK-B", "Resize root partition").dependsOn("TASK-A").writeTo(repo, ACTIVE);
        task("TASK-C", "Prune runner images").writeTo(repo, ACTIVE);

        QueuePlan plan = plan();

        assertThat(ids(plan.ready())).containsExactly("TASK-C");
        assertThat(plan.waiting()).isEmpty();
        assertThat(plan.invalid()).extracting(InvalidFile::taskId).containsExactlyInAnyOrder("TASK-A", "TASK-B");
        assertThat(plan.invalid()).allSatisfy(bad -> {
            assertThat(bad.line()).isEqualTo(TaskText.DEPENDS_ON_LINE);
            assertThat(bad.problem()).startsWith("dependency cycle: ")
                    .containsAnyOf("TASK-A → TASK-B → TASK-A", "TASK-B → TASK-A → TASK-B");
        });
    }

    @Test
    void aTaskThatDependsOnItselfIsInvalid() throws IOException {
        task("TASK-S", "Restart registry").dependsOn("TASK-S").writeTo(repo, ACTIVE);

        QueuePlan plan = plan();

        assertThat(plan.ready()).isEmpty();
        assertThat(plan.invalid()).singleElement().satisfies(bad -> {
            assertThat(bad.path()).isEqualTo("tasks/active/TASK-S.md");
            assertThat(bad.line()).isEqualTo(TaskText.DEPENDS_ON_LINE);
            assertThat(bad.problem()).contains("TASK-S → TASK-S");
        });
    }

    @Test
    void aMissingDependencyMakesTheTaskAndItsDependentsInvalid() throws IOException {
        task("TASK-X", "Update HelmReleases").dependsOn("TASK-404").writeTo(repo, ACTIVE);
        task("TASK-Y", "Reconcile Flux").status("backlog").dependsOn("TASK-X").writeTo(repo, BACKLOG);
        task("TASK-Z", "Verify all services healthy").status("backlog").dependsOn("TASK-Y").writeTo(repo, BACKLOG);
        task("TASK-OK", "Prune runner images").writeTo(repo, ACTIVE);

        QueuePlan plan = plan();

        assertThat(ids(plan.ready())).containsExactly("TASK-OK");
        assertThat(plan.waiting()).isEmpty();
        Map<String, String> problems = new LinkedHashMap<>();
        plan.invalid().forEach(bad -> problems.put(bad.taskId(), bad.problem()));
        assertThat(problems).containsOnlyKeys("TASK-X", "TASK-Y", "TASK-Z");
        assertThat(problems.get("TASK-X")).contains("TASK-404");
        assertThat(problems.get("TASK-Y")).contains("TASK-X");
        assertThat(problems.get("TASK-Z")).contains("TASK-Y");
    }

    @Test
    void aBlockedActiveTaskIsListedAsBlockedNotReady() throws IOException {
        task("TASK-002", "Rebuild triager images").priority("critical").status("blocked").writeTo(repo, ACTIVE);
        task("TASK-003", "Reconcile Flux").priority("high").dependsOn("TASK-002").writeTo(repo, ACTIVE);

        QueuePlan plan = plan();

        assertThat(ids(plan.blocked())).containsExactly("TASK-002");
        assertThat(plan.ready()).isEmpty();
        assertThat(waiting(plan)).containsExactly(Map.entry("TASK-003", List.of("TASK-002")));
    }

    private QueuePlan plan() throws IOException {
        return new TaskQueue().plan(new TaskRepoReader().read(repo, "0123abcd"));
    }

    private static List<String> ids(List<ScannedTask> tasks) {
        return tasks.stream().map(ScannedTask::id).toList();
    }

    private static Map<String, List<String>> waiting(QueuePlan plan) {
        Map<String, List<String>> byId = new LinkedHashMap<>();
        plan.waiting().forEach((t, deps) -> byId.put(t.id(), deps));
        return byId;
    }
}
