package io.taskstream.actions.workspace;

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
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.taskstream.actions.workspace.GitFixture.branchTip;
import static io.taskstream.actions.workspace.GitFixture.changedIn;
import static io.taskstream.actions.workspace.GitFixture.message;
import static io.taskstream.actions.workspace.GitFixture.remoteFor;
import static io.taskstream.actions.workspace.GitFixture.repo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the executor notes and the verifier commits, as the services use them: a criterion is credited with the
 * changes in its own repositories only, and they are committed (and pushed where a remote exists) once verified.
 */
class VerifiedCommitsTest {
    @TempDir
    Path tmp;

    @Test
    void aCriterionsChangesInItsRepositoryAreCommittedAndPushedOnceVerifiedAndOthersAreLeftAlone() throws Exception {
        Path ws = tmp.resolve("ws");
        Path remote;
        try (Git ffl = repo(ws.resolve("ffl"), "app.txt", "v1\n"); Git other = repo(ws.resolve("other"), "x.txt", "x\n")) {
            remote = remoteFor(ffl, tmp.resolve("ffl.git"));
        }
        CriterionSpec spec = new CriterionSpec(1, "App bumped to v2", 10, false,
                List.of("echo v2 > app.txt && echo new > notes.md && echo changed > ../other/x.txt"), "ffl", Map.of(),
                0, List.of("grep -qx v2 app.txt"), List.of(), List.of());
        TaskSnapshot task = new TaskSnapshot("TASK-1", "Bump", "high", "active", "tasks/active/TASK-1.md", List.of(),
                List.of(), "general", List.of(spec));
        try (Tools tools = new Tools(CommandRunner.defaults(), Map.of())) {
            CriterionSteps steps = new CriterionSteps(new Workspace(ws), tools, Map.of(), Duration.ofSeconds(30));

            List<String> changed;
            try (ChangeWatch watch = steps.watchChanges(spec)) {
                assertThat(steps.act(task, spec, Map.of())).isInstanceOf(StepResult.Done.class);
                changed = watch.changed();
            }

            assertThat(changed).as("other/x.txt belongs to a repository outside the criterion's directory")
                    .containsExactly("ffl/app.txt", "ffl/notes.md");
            List<RepoCommit> commits = new VerifiedCommits(steps.changes(), true)
                    .record(task.id(), spec, "run-9", Map.of(), changed);

            assertThat(commits).singleElement().satisfies(c -> {
                assertThat(c.repository()).isEqualTo("ffl");
                assertThat(c.pushed()).isTrue();
                assertThat(branchTip(remote, "main")).isEqualTo(c.commit());
                assertThat(changedIn(ws.resolve("ffl"), c.commit())).containsExactly("app.txt", "notes.md");
                assertThat(message(ws.resolve("ffl"), c.commit())).startsWith("TASK-1 #1: App bumped to v2");
            });
            assertThat(new VerifiedCommits(steps.changes(), false).record(task.id(), spec, "run-9", Map.of(), changed))
                    .as("workspace commits switched off").isEmpty();
        }
    }

    @Test
    void aCriterionWithTypedActionsOnlyWatchesNothingAndIsCreditedWithNothing() throws Exception {
        Path ws = tmp.resolve("ws");
        repo(ws.resolve("api"), "VERSION", "1.0.0\n").close();
        CriterionSpec check = new CriterionSpec(1, "Health answers", 10, false, List.of(), "", Map.of(), 0,
                List.of(), List.of(), List.of(new ActionSpec("http", "GET http://127.0.0.1:9/health -> 200", 11)));
        try (Tools tools = new Tools(CommandRunner.defaults(), Map.of())) {
            CriterionSteps steps = new CriterionSteps(new Workspace(ws), tools, Map.of(), Duration.ofSeconds(30));

            try (ChangeWatch watch = steps.watchChanges(check)) {
                GitFixture.write(ws, "api/VERSION", "1.1.0\n");
                assertThat(watch).isSameAs(ChangeWatch.NONE);
                assertThat(watch.changed()).as("another task's change while the check ran").isEmpty();
            }
        }
    }

    @Test
    void theCommitOfAVerifiedCriterionWaitsForTheCriterionRunningInItsRepository() throws Exception {
        Path ws = tmp.resolve("ws");
        repo(ws.resolve("api"), "VERSION", "1.0.0\n", "CHANGELOG", "").close();
        CriterionSpec first = new CriterionSpec(1, "Version bumped", 10, false, List.of("echo 1.1.0 > VERSION"), "api",
                Map.of(), 0, List.of("grep -qx 1.1.0 VERSION"), List.of(), List.of());
        try (Tools tools = new Tools(CommandRunner.defaults(), Map.of())) {
            CriterionSteps steps = new CriterionSteps(new Workspace(ws), tools, Map.of(), Duration.ofSeconds(30));
            GitFixture.write(ws, "api/VERSION", "1.1.0\n");
            ChangeWatch second = steps.watchChanges(new CriterionSpec(2, "Changelog written", 12, false,
                    List.of("echo 1.1.0 >> CHANGELOG"), "api", Map.of(), 0, List.of(), List.of(), List.of()));

            CompletableFuture<List<RepoCommit>> recorded = new CompletableFuture<>();
            Thread verifier = new Thread(() -> {
                try {
                    recorded.complete(new VerifiedCommits(steps.changes(), true)
                            .record("TASK-1", first, "run-1", Map.of(), List.of("api/VERSION")));
                } catch (Throwable e) {
                    recorded.completeExceptionally(e);
                }
            });
            verifier.start();
            await().atMost(10, TimeUnit.SECONDS).until(() -> verifier.getState() == Thread.State.WAITING);
            GitFixture.write(ws, "api/CHANGELOG", "1.1.0\n");
            assertThat(second.changed()).as("HEAD did not move under the running criterion")
                    .containsExactly("api/CHANGELOG");

            assertThat(recorded.get(30, TimeUnit.SECONDS)).singleElement().satisfies(c ->
                    assertThat(changedIn(ws.resolve("api"), c.commit())).containsExactly("VERSION"));
            verifier.join();
        }
    }
}
