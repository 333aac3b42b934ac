package io.taskstream.scanner.scan;

import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.scanner.testing.GitRemote;
import io.taskstream.task.parse.TaskFileParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.taskstream.scanner.testing.TaskText.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** After the first scan, only what people changed is announced again; the pipeline's own commits are not. */
class IncrementalScannerTest {
    @TempDir
    Path dir;
    private GitRemote remote;
    private GitTaskRepo clone;
    private IncrementalScanner scanner;

    @BeforeEach
    void repo() throws Exception {
        remote = GitRemote.init(dir);
        Path work = remote.workTree();
        task("TASK-1", "Point builds at the new registry").priority("critical").writeTo(work, "tasks/active");
        task("TASK-2", "Rebuild images").priority("high").writeTo(work, "tasks/active");
        task("TASK-3", "Investigate triager build").priority("high").writeTo(work, "tasks/backlog");
        task("TASK-4", "Roll out triager").dependsOn("TASK-3").writeTo(work, "tasks/backlog");
        remote.publish("tasks");
        clone = new GitTaskRepo(remote.url(), "main", dir.resolve("clone"), new GitTaskRepo.Identity("t", "t@example.invalid"));
        scanner = new IncrementalScanner(clone);
    }

    @AfterEach
    void close() {
        clone.close();
        remote.close();
    }

    @Test
    void theFirstScanAnnouncesEverything() throws Exception {
        ScanOutcome first = scanner.scan(false);
        assertThat(first.incremental()).isFalse();
        assertThat(first.announce()).containsExactlyInAnyOrder("TASK-1", "TASK-2", "TASK-3", "TASK-4");
    }

    @Test
    void aChangedFileIsAnnouncedAloneAndAnUnchangedRepoAnnouncesNothing() throws Exception {
        String before = scanner.scan(false).commit();
        ScanOutcome nothing = scanner.scan(false);
        assertThat(nothing.announce()).isEmpty();

        task("TASK-2", "Rebuild images v0.1.19").priority("critical").writeTo(remote.workTree(), "tasks/active");
        String after = remote.commitAndPush("Bump TASK-2");
        ScanOutcome changed = scanner.scan(false);
        assertThat(changed.incremental()).isTrue();
        assertThat(changed.previousCommit()).isEqualTo(before);
        assertThat(changed.commit()).isEqualTo(after);
        assertThat(changed.announce()).containsExactly("TASK-2");
    }

    @Test
    void thePipelinesOwnCommitsAreNotAnnouncedAgain() throws Exception {
        scanner.scan(false);
        Path file = remote.workTree().resolve("tasks/active/TASK-1.md");
        Files.writeString(file, Files.readString(file) + "- 2025-10-17 14:30: Verified criterion 1\n");
        remote.commitAndPush("TASK-1: verified criterion 1\n\n" + GitTaskRepo.RUN_TRAILER + "run-1\nTaskstream-Event: e-1");
        assertThat(scanner.scan(false).announce()).isEmpty();
    }

    @Test
    void aDeletedTaskIsWithdrawn() throws Exception {
        scanner.scan(false);
        Files.delete(remote.workTree().resolve("tasks/active/TASK-2.md"));
        remote.commitAndPush("Drop TASK-2");
        ScanOutcome outcome = scanner.scan(false);
        assertThat(outcome.withdrawn()).singleElement().satisfies(w -> {
            assertThat(w.taskId()).isEqualTo("TASK-2");
            assertThat(w.path()).isEqualTo("tasks/active/TASK-2.md");
            assertThat(w.reason()).contains("deleted");
        });
        assertThat(outcome.announce()).doesNotContain("TASK-2");
    }

    @Test
    void onlyATaskSomethingWaitsForCanReleaseAnything() throws Exception {
        assertThat(scanner.anyWaitsFor("TASK-3")).as("before any scan nothing is known").isTrue();
        scanner.scan(false);
        assertThat(scanner.anyWaitsFor("TASK-3")).as("TASK-4 waits for it").isTrue();
        assertThat(scanner.anyWaitsFor("TASK-1")).isFalse();
        assertThat(scanner.anyWaitsFor("TASK-4")).isFalse();
    }

    @Test
    void aTaskMovedToCompletedByHandIsWithdrawnAndReleasesItsDependants() throws Exception {
        scanner.scan(false);
        Path work = remote.workTree();
        Files.createDirectories(work.resolve("tasks/completed"));
        Files.move(work.resolve("tasks/backlog/TASK-3.md"), work.resolve("tasks/completed/TASK-3.md"));
        remote.commitAndPush("TASK-3 done by hand");
        ScanOutcome outcome = scanner.scan(false);
        assertThat(outcome.withdrawn()).singleElement().satisfies(w -> {
            assertThat(w.taskId()).isEqualTo("TASK-3");
            assertThat(w.reason()).isEqualTo("moved to tasks/completed/TASK-3.md by hand");
        });
        assertThat(outcome.announce()).containsExactly("TASK-4");
        assertThat(outcome.plan().ready()).extracting(ScannedTask::id).contains("TASK-4");
    }

    @Test
    void aFullScanAnnouncesEverythingAgain() throws Exception {
        scanner.scan(false);
        ScanOutcome full = scanner.scan(true);
        assertThat(full.incremental()).isFalse();
        assertThat(full.announce()).containsExactlyInAnyOrder("TASK-1", "TASK-2", "TASK-3", "TASK-4");
    }

    @Test
    void aFileBrokenByAPushIsAnnouncedAsInvalid() throws Exception {
        scanner.scan(false);
        Files.writeString(remote.workTree().resolve("tasks/active/TASK-1.md"), "---\nid: TASK-1\npriority: urgent\n---\n");
        remote.commitAndPush("Break TASK-1");
        ScanOutcome outcome = scanner.scan(false);
        assertThat(outcome.announce()).as("a file whose id cannot be read is named by its path")
                .containsExactly("tasks/active/TASK-1.md");
        assertThat(outcome.withdrawn()).as("broken is not gone").isEmpty();
        assertThat(outcome.plan().invalid()).singleElement().satisfies(bad -> assertThat(bad.problem()).contains("urgent"));
    }

    @Test
    void badFilesPushedLaterAreReportedFromTheCommitsObjects() throws Exception {
        scanner.scan(false);
        Path work = remote.workTree();
        Files.createSymbolicLink(work.resolve("tasks/active/TASK-5.md"), Path.of("../../../outside.md"));
        Files.createSymbolicLink(work.resolve("tasks/active/TASK-6.md"), Path.of("../backlog/TASK-3.md"));
        Files.write(work.resolve("tasks/active/TASK-7.md"), new byte[TaskFileParser.MAX_BYTES + 1]);
        remote.commitAndPush("Odd files");
        ScanOutcome outcome = scanner.scan(false);
        assertThat(outcome.plan().invalid()).extracting(InvalidFile::path, InvalidFile::problem).contains(
                tuple("tasks/active/TASK-5.md", "symbolic link to ../../../outside.md, outside the task repo"),
                tuple("tasks/active/TASK-7.md", "file is 1048577 bytes, over the 1048576-byte limit for a task file"));
        assertThat(outcome.plan().invalid()).extracting(InvalidFile::path).as("a link inside the repo is read; "
                + "its id duplicates TASK-3").contains("tasks/active/TASK-6.md");
        assertThat(outcome.announce()).contains("tasks/active/TASK-5.md", "tasks/active/TASK-7.md");
    }
}
