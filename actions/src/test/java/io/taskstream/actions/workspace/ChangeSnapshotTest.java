package io.taskstream.actions.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.taskstream.actions.workspace.GitFixture.repo;
import static io.taskstream.actions.workspace.GitFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

class ChangeSnapshotTest {
    @TempDir
    Path ws;

    @Test
    void aModifiedANewAndADeletedFileAreChanges() throws Exception {
        repo(ws.resolve("ffl"), "src/app.py", "v1\n", "old.txt", "old\n", "same.txt", "same\n").close();
        WorkspaceRepos repos = WorkspaceRepos.find(ws);
        ChangeSnapshot before = ChangeSnapshot.take(repos);

        write(ws.resolve("ffl"), "src/app.py", "v2\n");
        write(ws.resolve("ffl"), "src/new module.py", "new\n");
        Files.delete(ws.resolve("ffl/old.txt"));

        Map<String, List<String>> changed = ChangeSnapshot.take(repos).changedSince(before);
        assertThat(changed).containsExactly(Map.entry("ffl", List.of("old.txt", "src/app.py", "src/new module.py")));
        assertThat(ChangeSnapshot.workspacePaths(changed))
                .containsExactly("ffl/old.txt", "ffl/src/app.py", "ffl/src/new module.py");
    }

    @Test
    void filesDirtyBeforeCountOnlyWhenTheStepsChangeThemAgain() throws Exception {
        repo(ws.resolve("ffl"), "a.txt", "a\n", "b.txt", "b\n", "c.txt", "c\n").close();
        write(ws.resolve("ffl"), "a.txt", "a, edited by hand\n");
        write(ws.resolve("ffl"), "b.txt", "b, edited by hand\n");
        write(ws.resolve("ffl"), "scratch.txt", "untracked before\n");
        write(ws.resolve("ffl"), "notes.txt", "untracked before\n");
        WorkspaceRepos repos = WorkspaceRepos.find(ws);
        ChangeSnapshot before = ChangeSnapshot.take(repos);

        write(ws.resolve("ffl"), "b.txt", "b, changed by the criterion\n");
        write(ws.resolve("ffl"), "notes.txt", "changed by the criterion\n");
        write(ws.resolve("ffl"), "c.txt", "c\n"); // rewritten with the same content: no change

        assertThat(ChangeSnapshot.take(repos).changedSince(before))
                .containsExactly(Map.entry("ffl", List.of("b.txt", "notes.txt")));
    }

    @Test
    void aFileRevertedToHeadAndAnExecutableBitAreChanges() throws Exception {
        repo(ws, "run.sh", "echo\n", "conf", "x=1\n").close();
        write(ws, "conf", "x=2\n");
        WorkspaceRepos repos = WorkspaceRepos.find(ws);
        ChangeSnapshot before = ChangeSnapshot.take(repos);

        write(ws, "conf", "x=1\n");
        ws.resolve("run.sh").toFile().setExecutable(true);

        assertThat(ChangeSnapshot.take(repos).changedSince(before))
                .containsExactly(Map.entry(".", List.of("conf", "run.sh")));
    }

    @Test
    void aNestedReposFilesBelongToItNotToTheOuterRepo() throws Exception {
        repo(ws, "README.md", "outer\n").close();
        repo(ws.resolve("ffl"), "app.py", "v1\n").close();
        WorkspaceRepos repos = WorkspaceRepos.find(ws);
        ChangeSnapshot before = ChangeSnapshot.take(repos);

        write(ws.resolve("ffl"), "app.py", "v2\n");
        write(ws.resolve("ffl"), "added.py", "new\n");
        write(ws, "README.md", "outer, edited\n");

        Map<String, List<String>> changed = ChangeSnapshot.take(repos).changedSince(before);
        assertThat(changed).containsExactly(
                Map.entry(".", List.of("README.md")),
                Map.entry("ffl", List.of("added.py", "app.py")));
        assertThat(new ChangedFiles(changed).workspacePaths())
                .containsExactly("README.md", "ffl/added.py", "ffl/app.py");
    }

    @Test
    void nothingChangedIsAnEmptyMap() throws Exception {
        repo(ws.resolve("ffl"), "app.py", "v1\n").close();
        write(ws.resolve("ffl"), "dirty.txt", "before\n");
        WorkspaceRepos repos = WorkspaceRepos.find(ws);
        ChangeSnapshot before = ChangeSnapshot.take(repos);

        assertThat(ChangeSnapshot.take(repos).changedSince(before)).isEmpty();
        assertThat(ChangeSnapshot.take(WorkspaceRepos.find(ws))
                .changesSince(before).isEmpty()).isTrue();
    }

    @Test
    void ignoredFilesAreNotChanges() throws Exception {
        repo(ws.resolve("ffl"), ".gitignore", "*.log\n").close();
        WorkspaceRepos repos = WorkspaceRepos.find(ws);
        ChangeSnapshot before = ChangeSnapshot.take(repos);

        write(ws.resolve("ffl"), "build.log", "noise\n");

        assertThat(ChangeSnapshot.take(repos).changedSince(before)).isEmpty();
    }

    @Test
    void aRepoClonedInsideAKnownRepoIsNotAChangeOfIt() throws Exception {
        repo(ws.resolve("ffl"), "app.py", "v1\n").close();
        WorkspaceRepos repos = WorkspaceRepos.find(ws);
        ChangeSnapshot before = ChangeSnapshot.take(repos);

        repo(ws.resolve("ffl/vendor/lib"), "lib.py", "x\n").close();

        assertThat(ChangeSnapshot.take(repos).changedSince(before)).isEmpty();
        assertThat(WorkspaceRepos.find(ws).dirs()).containsExactly("ffl", "ffl/vendor/lib");
    }
}
