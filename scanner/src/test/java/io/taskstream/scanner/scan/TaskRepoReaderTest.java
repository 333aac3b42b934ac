package io.taskstream.scanner.scan;

import io.taskstream.scanner.testing.TaskText;
import io.taskstream.task.parse.TaskFileParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.taskstream.scanner.testing.TaskText.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TaskRepoReaderTest {
    private static final String BAD = "tasks/backlog/TASK-030.md";

    @TempDir
    Path repo;

    @BeforeEach
    void aGoodTask() throws IOException {
        task("TASK-001", "Rebuild and push all service images").priority("critical").labels("builds", "registry")
                .writeTo(repo, "tasks/active");
    }

    static Stream<Arguments> badFiles() {
        String good = task("TASK-030", "Fix the ingress class").render();
        byte[] huge = (good + "- 2025-10-17 10:00: " + "x".repeat(TaskFileParser.MAX_BYTES) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = good.replace("Fix the ingress class", "Café ingress class").getBytes(StandardCharsets.ISO_8859_1);
        byte[] binary = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'};
        return Stream.of(
                arguments("broken YAML", utf8(good.replace("title: Fix the ingress class",
                        "title: Ingress class: traefik to nginx")), 3, "front matter is not valid YAML"),
                arguments("missing id", utf8(good.replace("id: TASK-030\n", "")), 1, "front matter has no id"),
                arguments("unknown priority", utf8(good.replace("priority: medium", "priority: urgent")),
                        TaskText.PRIORITY_LINE, "unknown priority 'urgent' (expected critical, high, medium or low)"),
                arguments("file over 1 MiB", huge, 1, "over the 1048576-byte limit"),
                arguments("binary file", binary, 3, "NUL byte"),
                arguments("ISO-8859-1 text", latin1, 3, "not valid UTF-8"),
                // the criteria of a rendered task start on line 17
                arguments("needs pointing forward", utf8(task("TASK-030", "Update HelmReleases").criteria("""
                        - [ ] FFL HelmRelease points at 0.1.18
                          - needs: 2
                          - set-image: apps/ffl/helmrelease.yaml spec.values.image.tag = 0.1.18
                        - [ ] FFL image pushed
                          - run: `curl -fs http://127.0.0.1:5000/v2/ffl-backend/tags/list`
                        """).render()), 18, "criterion 1 needs criterion 2, which comes later"),
                arguments("needs pointing to itself", utf8(task("TASK-030", "Update HelmReleases").criteria("""
                        - [ ] FFL image pushed
                          - run: `curl -fs http://127.0.0.1:5000/v2/ffl-backend/tags/list`
                        - [ ] FFL HelmRelease points at 0.1.18
                          - needs: 2
                          - set-image: apps/ffl/helmrelease.yaml spec.values.image.tag = 0.1.18
                        """).render()), 20, "criterion 2 needs itself"),
                arguments("in leaving the workspace", utf8(task("TASK-030", "Build FFL images").criteria("""
                        - [ ] Build FFL images v0.1.18
                          - run: `REGISTRY_URL=127.0.0.1:5000 VERSION=0.1.18 ./scripts/build.sh --push all`
                          - in: ../../etc
                        """).render()), 19, "criterion 1: in '../../etc' leaves the workspace"),
                arguments("a token written into a run step", utf8(task("TASK-030", "Push images").criteria("""
                        - [ ] Images pushed
                          - run: `curl -H 'Authorization: Bearer ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789' http://127.0.0.1:5000/v2/`
                        """).render()), 18, "the run step holds what looks like a token"),
                arguments("a password given in clear in env", utf8(task("TASK-030", "Push images").criteria("""
                        - [ ] Images pushed
                          - run: `./scripts/push.sh`
                          - env: REGISTRY_USER=ci REGISTRY_PASSWORD=hunter2
                        """).render()), 19, "env REGISTRY_PASSWORD is given in clear"));
    }

    @Test
    void aSecretReferencedByNameIsFine() throws IOException {
        Files.createDirectories(repo.resolve("tasks/active"));
        Files.writeString(repo.resolve("tasks/active/TASK-031.md"), task("TASK-031", "Push images").criteria("""
                - [ ] Images pushed
                  - run: `./scripts/push.sh`
                  - env: REGISTRY_USER=ci REGISTRY_PASSWORD=${secret:registry-password}
                """).render());
        RepoScan scan = new TaskRepoReader().read(repo, "abc");
        assertThat(scan.invalid()).isEmpty();
        assertThat(scan.tasks()).extracting(ScannedTask::id).contains("TASK-031");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileIsReportedWithLineAndProblemAndTheRestIsRead(String kind, byte[] content, int line, String problem)
            throws IOException {
        Files.createDirectories(repo.resolve(BAD).getParent());
        Files.write(repo.resolve(BAD), content);

        RepoScan scan = new TaskRepoReader().read(repo, "c0ffee");

        assertThat(scan.invalid()).singleElement().satisfies(bad -> {
            assertThat(bad.path()).isEqualTo(BAD);
            assertThat(bad.line()).as("line").isEqualTo(line);
            assertThat(bad.problem()).contains(problem);
        });
        assertThat(scan.tasks()).extracting(ScannedTask::id).containsExactly("TASK-001");
        assertThat(scan.commit()).isEqualTo("c0ffee");
    }

    @Test
    void aDuplicateIdMakesBothFilesInvalidEachNamingTheOther() throws IOException {
        task("TASK-040", "Reconcile Flux").writeTo(repo, "tasks/active");
        TaskText.write(repo, "tasks/backlog/TASK-040-copy.md", task("TASK-040", "Reconcile Flux again").render());

        RepoScan scan = new TaskRepoReader().read(repo, "c0ffee");

        assertThat(scan.tasks()).extracting(ScannedTask::id).containsExactly("TASK-001");
        assertThat(scan.invalid()).containsExactlyInAnyOrder(
                new InvalidFile("tasks/active/TASK-040.md", "TASK-040", TaskText.ID_LINE,
                        "duplicate id TASK-040: also used by tasks/backlog/TASK-040-copy.md"),
                new InvalidFile("tasks/backlog/TASK-040-copy.md", "TASK-040", TaskText.ID_LINE,
                        "duplicate id TASK-040: also used by tasks/active/TASK-040.md"));
    }

    @Test
    void aSymlinkPointingOutsideTheRepoIsInvalid(@TempDir Path elsewhere) throws IOException {
        Path outside = task("TASK-050", "Read host secrets").writeTo(elsewhere, "tasks");
        Files.createSymbolicLink(repo.resolve("tasks/active/TASK-050.md"), outside);

        RepoScan scan = new TaskRepoReader().read(repo, "c0ffee");

        assertThat(scan.tasks()).extracting(ScannedTask::id).containsExactly("TASK-001");
        assertThat(scan.invalid()).singleElement().satisfies(bad -> {
            assertThat(bad.path()).isEqualTo("tasks/active/TASK-050.md");
            assertThat(bad.line()).isEqualTo(1);
            assertThat(bad.problem()).contains("symbolic link", "outside the task repo");
        });
    }

    @Test
    void danglingAndLoopingSymlinksAreInvalidAndTheRestIsRead() throws IOException {
        Path active = repo.resolve("tasks/active");
        Files.createSymbolicLink(active.resolve("TASK-051.md"), Path.of("../../shared/TASK-051.md"));
        Files.createSymbolicLink(active.resolve("TASK-053.md"), Path.of("TASK-054.md"));
        Files.createSymbolicLink(active.resolve("TASK-054.md"), Path.of("TASK-053.md"));

        RepoScan scan = new TaskRepoReader().read(repo, "c0ffee");

        assertThat(scan.tasks()).extracting(ScannedTask::id).containsExactly("TASK-001");
        assertThat(scan.invalid()).containsExactly(
                new InvalidFile("tasks/active/TASK-051.md", null, 1,
                        "symbolic link to ../../shared/TASK-051.md that does not lead to a file"),
                new InvalidFile("tasks/active/TASK-053.md", null, 1,
                        "symbolic link to TASK-054.md that does not lead to a file"),
                new InvalidFile("tasks/active/TASK-054.md", null, 1,
                        "symbolic link to TASK-053.md that does not lead to a file"));
    }

    @Test
    void aSymlinkInsideTheRepoIsRead() throws IOException {
        task("TASK-052", "Verify registry catalog").writeTo(repo, "shared");
        Files.createSymbolicLink(repo.resolve("tasks/active/TASK-052.md"), Path.of("../../shared/TASK-052.md"));

        RepoScan scan = new TaskRepoReader().read(repo, "c0ffee");

        assertThat(scan.invalid()).isEmpty();
        assertThat(scan.tasks()).extracting(ScannedTask::id).containsExactly("TASK-001", "TASK-052");
    }

    @Test
    void aTaskFolderLinkedOutsideTheRepoIsInvalidAndNotRead(@TempDir Path elsewhere) throws IOException {
        task("TASK-070", "Read host secrets").writeTo(elsewhere, "backlog");
        Files.createDirectories(repo.resolve("tasks"));
        Files.createSymbolicLink(repo.resolve("tasks/backlog"), elsewhere.resolve("backlog"));

        RepoScan scan = new TaskRepoReader().read(repo, "c0ffee");

        assertThat(scan.tasks()).extracting(ScannedTask::id).containsExactly("TASK-001");
        assertThat(scan.invalid()).singleElement().satisfies(bad -> {
            assertThat(bad.path()).isEqualTo("tasks/backlog");
            assertThat(bad.line()).isZero();
            assertThat(bad.problem()).contains("outside the task repo");
        });
    }

    @Test
    void aTasksTreeLinkedOutsideTheRepoIsInvalidAndNotRead(@TempDir Path other, @TempDir Path elsewhere)
            throws IOException {
        task("TASK-071", "Read host secrets").writeTo(elsewhere, "tasks/active");
        Files.createSymbolicLink(other.resolve("tasks"), elsewhere.resolve("tasks"));

        RepoScan scan = new TaskRepoReader().read(other, "c0ffee");

        assertThat(scan.tasks()).isEmpty();
        assertThat(scan.invalid()).extracting(InvalidFile::path).containsExactly("tasks/active");
    }

    @Test
    void aTaskFolderLinkedInsideTheRepoIsRead() throws IOException {
        task("TASK-072", "Verify registry catalog").status("backlog").writeTo(repo, "shared/backlog");
        Files.createSymbolicLink(repo.resolve("tasks/backlog"), Path.of("../shared/backlog"));

        RepoScan scan = new TaskRepoReader().read(repo, "c0ffee");

        assertThat(scan.invalid()).isEmpty();
        assertThat(scan.task("TASK-072")).hasValueSatisfying(t -> {
            assertThat(t.folder()).isEqualTo(Folder.BACKLOG);
            assertThat(t.file().path()).isEqualTo("tasks/backlog/TASK-072.md");
        });
    }

    @Test
    void filesThatAreNotMarkdownAreIgnored() throws IOException {
        TaskText.write(repo, "tasks/active/.gitkeep", "");
        TaskText.write(repo, "tasks/active/README.txt", "Tasks live here as TASK-NNN.md\n");
        TaskText.write(repo, "tasks/backlog/TASK-060.md.orig", "---\nid: [broken\n");
        Files.write(repo.resolve("tasks/backlog/diagram.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0});

        RepoScan scan = new TaskRepoReader().read(repo, "c0ffee");

        assertThat(scan.invalid()).isEmpty();
        assertThat(scan.tasks()).extracting(ScannedTask::id).containsExactly("TASK-001");
    }

    @Test
    void missingFoldersAreFine(@TempDir Path empty) throws IOException {
        assertThat(new TaskRepoReader().read(empty, "c0ffee").tasks()).isEmpty();

        RepoScan onlyActive = new TaskRepoReader().read(repo, "c0ffee");
        assertThat(onlyActive.invalid()).isEmpty();
        assertThat(onlyActive.tasks()).singleElement().satisfies(t -> {
            assertThat(t.folder()).isEqualTo(Folder.ACTIVE);
            assertThat(t.file().path()).isEqualTo("tasks/active/TASK-001.md");
        });
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
