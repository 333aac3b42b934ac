package io.taskstream.actions.workspace;

import io.taskstream.events.data.RepoCommit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.taskstream.actions.workspace.GitFixture.BOT;
import static io.taskstream.actions.workspace.GitFixture.branchTip;
import static io.taskstream.actions.workspace.GitFixture.changedIn;
import static io.taskstream.actions.workspace.GitFixture.remoteFor;
import static io.taskstream.actions.workspace.GitFixture.repo;
import static io.taskstream.actions.workspace.GitFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

class RepoCommitsTest {
    private static final String MESSAGE = RepoCommits.message("TASK-1", 2, "  the API serves\n TLS  ", "run-7");

    @TempDir
    Path temp;

    private final RepoCommits commits = new RepoCommits(Duration.ofSeconds(10));

    private Path ws() {
        return temp.resolve("ws");
    }

    /** Runs "steps" between two snapshots and commits what they changed, as the executor does once verified. */
    private List<RepoCommit> record(Runnable steps) {
        WorkspaceRepos repos = WorkspaceRepos.find(ws());
        ChangeSnapshot before = ChangeSnapshot.take(repos);
        steps.run();
        Map<String, List<String>> changed = ChangeSnapshot.take(repos).changedSince(before);
        return commits.commit(ws(), changed, MESSAGE, BOT);
    }

    @Test
    void theMessageNamesTaskCriterionAndRun() {
        assertThat(MESSAGE).isEqualTo("TASK-1 #2: the API serves TLS\n\nVerified by Taskstream in run run-7\n");
    }

    @Test
    void aRepoWithARemoteIsPushedAndOneWithoutIsNot() throws Exception {
        Path bare;
        try (Git ffl = repo(ws().resolve("ffl"), "app.py", "v1\n");
             Git kube = repo(ws().resolve("clients/beckerkube"), "deploy.yaml", "replicas: 1\n")) {
            bare = remoteFor(kube, temp.resolve("beckerkube.git"));
        }

        List<RepoCommit> results = record(() -> {
            write(ws().resolve("ffl"), "app.py", "v2\n");
            write(ws().resolve("clients/beckerkube"), "deploy.yaml", "replicas: 3\n");
        });

        assertThat(results).hasSize(2);
        RepoCommit kube = results.get(0);
        assertThat(kube.repository()).isEqualTo("clients/beckerkube");
        assertThat(kube.branch()).isEqualTo("main");
        assertThat(kube.pushed()).isTrue();
        assertThat(kube.note()).isEmpty();
        assertThat(branchTip(bare, "main")).isEqualTo(kube.commit());
        assertThat(branchTip(ws().resolve("clients/beckerkube"), "main")).isEqualTo(kube.commit());

        RepoCommit ffl = results.get(1);
        assertThat(ffl.repository()).isEqualTo("ffl");
        assertThat(ffl.pushed()).isFalse();
        assertThat(ffl.note()).isEqualTo("not pushed: no remote");
        assertThat(branchTip(ws().resolve("ffl"), "main")).isEqualTo(ffl.commit());
        assertThat(changedIn(ws().resolve("ffl"), ffl.commit())).containsExactly("app.py");
        assertThat(GitFixture.message(ws().resolve("ffl"), ffl.commit())).isEqualTo(MESSAGE);
        try (Git git = Git.open(ws().resolve("ffl").toFile())) {
            assertThat(git.status().call().isClean()).isTrue();
        }
    }

    @Test
    void aRejectedPushIsReportedAndTheLocalCommitKept() throws Exception {
        Path bare;
        try (Git mine = repo(ws().resolve("ffl"), "app.py", "v1\n")) {
            bare = remoteFor(mine, temp.resolve("ffl.git"));
        }
        try (Git theirs = Git.cloneRepository().setURI(bare.toUri().toString())
                .setDirectory(temp.resolve("someone-else").toFile()).call()) {
            write(temp.resolve("someone-else"), "other.txt", "theirs\n");
            theirs.add().addFilepattern("other.txt").call();
            theirs.commit().setMessage("theirs").setAuthor(BOT).setCommitter(BOT).setSign(false).call();
            theirs.push().call();
        }
        String theirTip = branchTip(bare, "main");

        List<RepoCommit> results = record(() -> write(ws().resolve("ffl"), "app.py", "v2\n"));

        RepoCommit ffl = results.get(0);
        assertThat(ffl.pushed()).isFalse();
        assertThat(ffl.commit()).isNotNull();
        assertThat(ffl.note()).startsWith("not pushed: push rejected (non-fast-forward) by origin/main");
        assertThat(branchTip(ws().resolve("ffl"), "main")).isEqualTo(ffl.commit());
        assertThat(branchTip(bare, "main")).isEqualTo(theirTip);
    }

    @Test
    void committingTheSameChangesAgainMakesNoCommit() throws Exception {
        Path bare;
        try (Git ffl = repo(ws().resolve("ffl"), "app.py", "v1\n")) {
            bare = remoteFor(ffl, temp.resolve("ffl.git"));
        }
        repo(ws().resolve("solo"), "a.txt", "a\n").close();
        WorkspaceRepos repos = WorkspaceRepos.find(ws());
        ChangeSnapshot before = ChangeSnapshot.take(repos);
        write(ws().resolve("ffl"), "app.py", "v2\n");
        write(ws().resolve("solo"), "a.txt", "b\n");
        Map<String, List<String>> changed = ChangeSnapshot.take(repos).changedSince(before);

        List<RepoCommit> first = commits.commit(ws(), changed, MESSAGE, BOT);
        List<RepoCommit> second = commits.commit(ws(), changed, MESSAGE, BOT);

        assertThat(second).extracting(RepoCommit::commit)
                .containsExactlyElementsOf(first.stream().map(RepoCommit::commit).toList());
        assertThat(second).extracting(RepoCommit::note).containsExactly(
                RepoCommits.NOTHING_TO_COMMIT, RepoCommits.NOTHING_TO_COMMIT);
        assertThat(second.get(0).pushed()).isTrue();
        assertThat(branchTip(bare, "main")).isEqualTo(first.get(0).commit());
    }

    @Test
    void pathsWithSpacesAndDeletionsAreCommittedAndOtherStagedWorkIsLeftOut() throws Exception {
        try (Git git = repo(ws().resolve("ffl"), "old notes.md", "old\n", "keep.txt", "k\n")) {
            write(ws().resolve("ffl"), "keep.txt", "staged by hand\n");
            git.add().addFilepattern("keep.txt").call();
        }

        List<RepoCommit> results = record(() -> {
            write(ws().resolve("ffl"), "docs/new page.md", "new\n");
            try {
                Files.delete(ws().resolve("ffl/old notes.md"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        String commit = results.get(0).commit();
        assertThat(changedIn(ws().resolve("ffl"), commit)).containsExactly("docs/new page.md", "old notes.md");
        try (Git git = Git.open(ws().resolve("ffl").toFile())) {
            var status = git.status().call();
            assertThat(status.getChanged()).containsExactly("keep.txt");
            assertThat(status.getRemoved()).isEmpty();
            assertThat(status.getUntracked()).isEmpty();
        }
    }

    @Test
    void aRootRepoAndANestedRepoEachCommitOnlyTheirOwnFiles() throws Exception {
        repo(ws(), "README.md", "outer\n").close();
        repo(ws().resolve("ffl"), "app.py", "v1\n").close();

        List<RepoCommit> results = record(() -> {
            write(ws(), "README.md", "outer, edited\n");
            write(ws().resolve("ffl"), "app.py", "v2\n");
            write(ws().resolve("ffl"), "new.py", "n\n");
        });

        assertThat(results).extracting(RepoCommit::repository).containsExactly(".", "ffl");
        assertThat(changedIn(ws(), results.get(0).commit())).containsExactly("README.md");
        assertThat(changedIn(ws().resolve("ffl"), results.get(1).commit())).containsExactly("app.py", "new.py");
        try (Git outer = Git.open(ws().toFile())) {
            assertThat(outer.status().call().getAdded()).isEmpty();
        }
    }

    @Test
    void aRepoThatCannotBeOpenedIsReportedNotThrown() throws Exception {
        Files.createDirectories(ws().resolve("broken/.git"));

        List<RepoCommit> results = commits.commit(ws(), Map.of("broken", List.of("a.txt")), MESSAGE, BOT);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.commit()).isEmpty();
            assertThat(r.note()).startsWith("not committed: ");
        });
    }

    @Test
    void aDirectoryOutsideTheWorkspaceIsRefused() {
        List<RepoCommit> results = commits.commit(ws(), Map.of("../elsewhere", List.of("a.txt")), MESSAGE, BOT);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.commit()).isEmpty();
            assertThat(r.note()).isEqualTo("not committed: outside the workspace");
        });
    }
}
