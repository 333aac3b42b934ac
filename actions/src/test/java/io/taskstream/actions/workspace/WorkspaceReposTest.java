package io.taskstream.actions.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.taskstream.actions.workspace.GitFixture.repo;
import static org.assertj.core.api.Assertions.assertThat;

class WorkspaceReposTest {
    @TempDir
    Path ws;

    @Test
    void findsTheRootAndReposOneTwoAndThreeLevelsDown() throws Exception {
        repo(ws, "README.md", "workspace\n").close();
        repo(ws.resolve("ffl"), "app.py", "print(1)\n").close();
        repo(ws.resolve("clients/beckerkube"), "k.yaml", "a: 1\n").close();
        repo(ws.resolve("clients/midwest/mtg"), "m.txt", "m\n").close();
        repo(ws.resolve("a/b/c/too-deep"), "x", "x\n").close();
        repo(ws.resolve("ffl/node_modules/dep"), "x", "x\n").close();
        repo(ws.resolve("ffl/target/gen"), "x", "x\n").close();

        WorkspaceRepos repos = WorkspaceRepos.find(ws);

        assertThat(repos.dirs()).containsExactly(".", "clients/beckerkube", "clients/midwest/mtg", "ffl");
        assertThat(repos.resolve(".")).isEqualTo(ws.toAbsolutePath().normalize());
        assertThat(repos.resolve("ffl")).isEqualTo(ws.toAbsolutePath().normalize().resolve("ffl"));
        assertThat(repos.nestedIn(".")).containsExactly("clients/beckerkube", "clients/midwest/mtg", "ffl");
        assertThat(repos.nestedIn("clients/beckerkube")).isEmpty();
    }

    @Test
    void aWorkspaceOfPlainDirectoriesHasNoReposAndIsSearchedQuickly() throws Exception {
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 15; j++) {
                Files.createDirectories(ws.resolve("d" + i + "/e" + j + "/f"));
            }
            Files.writeString(ws.resolve("d" + i + "/file.txt"), "x");
        }

        long start = System.nanoTime();
        WorkspaceRepos repos = WorkspaceRepos.find(ws);
        long micros = (System.nanoTime() - start) / 1000;

        assertThat(repos.dirs()).isEmpty();
        assertThat(repos.isEmpty()).isTrue();
        // 620 directories; a generous bound that still catches an unbounded walk or a per-directory git open.
        assertThat(micros).isLessThan(2_000_000);
    }

    @Test
    void aGitFileMarksARepoAndSymlinksAreNotFollowed() throws Exception {
        Files.createDirectories(ws.resolve("worktree"));
        Files.writeString(ws.resolve("worktree/.git"), "gitdir: /elsewhere/.git/worktrees/x\n");
        repo(ws.resolve("real"), "a", "a\n").close();
        Files.createSymbolicLink(ws.resolve("link"), ws.resolve("real"));

        assertThat(WorkspaceRepos.find(ws).dirs()).containsExactly("real", "worktree");
    }
}
