package io.taskstream.verifier.record;

import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.task.TaskFile;
import io.taskstream.task.parse.TaskFileParser;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import static io.taskstream.verifier.record.TaskFiles.criterion;
import static io.taskstream.verifier.record.TaskFiles.path;
import static io.taskstream.verifier.record.TaskFiles.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Records made at the same time from several threads: one commit for the group, each record still its own. */
class GroupRecordingTest {
    @TempDir
    Path tmp;
    private RecorderFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new RecorderFixture(tmp);
        for (int n = 1; n <= 3; n++) {
            fixture.remote.pushFile(path(n), TaskFiles.text(n, 3), "add task " + n);
        }
        fixture.repo.sync();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private Callable<String> verify(int task, int number, String runId, String eventId) {
        return () -> fixture.recorder.recordVerified(runId, eventId, snapshot(task), number, criterion(number), 1);
    }

    @Test
    void aGroupIsOneCommitNamingEveryRecordWithEveryTrailer() throws Exception {
        String before = fixture.remote.remoteHead();

        List<Future<String>> results = OneGroup.of(fixture.repo, List.of(verify(1, 2, "run-1", "e-1"),
                verify(2, 1, "run-2", "e-2"),
                () -> fixture.recorder.block("run-1", "e-3", snapshot(3),
                        "criterion 1 (Criterion 1): failed: exit 1")));

        RevCommit head = fixture.remote.remoteLog().get(0);
        for (Future<String> result : results) {
            assertThat(result.get()).isEqualTo(head.getName());
        }
        assertThat(head.getParents()).extracting(RevCommit::getName).containsExactly(before);
        assertThat(head.getFullMessage()).isEqualTo("""
                Record 3 changes: TASK-0001 #2, TASK-0002 #1, TASK-0003 blocked

                TASK-0001: verified criterion 2 (Criterion 2)
                TASK-0002: verified criterion 1 (Criterion 1)
                TASK-0003: blocked: criterion 1 (Criterion 1): failed: exit 1

                Taskstream-Run: run-1
                Taskstream-Run: run-2
                Taskstream-Event: e-1
                Taskstream-Event: e-2
                Taskstream-Event: e-3""");
        assertThat(fixture.remote.remoteFile(path(1))).contains("- [x] Criterion 2\n")
                .contains("- 2025-10-17 14:30: Verified criterion 2: Criterion 2\n");
        assertThat(fixture.remote.remoteFile(path(3))).contains("status: blocked\n");
    }

    @Test
    void twoCriteriaOfOneTaskAndItsArchiveComposeIntoOneCommit() throws Exception {
        fixture.recorder.recordVerified("run-1", "e-0", snapshot(1), 1, criterion(1), 1);
        int commits = fixture.remote.remoteLog().size();

        List<Future<Object>> results = OneGroup.of(fixture.repo, List.of(
                () -> fixture.recorder.recordVerified("run-1", "e-2", snapshot(1), 2, criterion(2), 1),
                () -> fixture.recorder.recordVerified("run-1", "e-3", snapshot(1), 3, criterion(3), 2),
                () -> fixture.recorder.archive("run-1", "e-4", snapshot(1), 3)));

        assertThat(fixture.remote.remoteLog()).hasSize(commits + 1);
        String head = fixture.remote.remoteHead();
        assertThat(results.get(2).get()).isEqualTo(new TaskRecorder.Archived(head, "tasks/completed/TASK-0001.md"));
        assertThat(fixture.remote.remoteFile(path(1))).isNull();
        String archived = fixture.remote.remoteFile("tasks/completed/TASK-0001.md");
        TaskFile file = new TaskFileParser().parse("tasks/completed/TASK-0001.md", archived);
        assertThat(file.criteria()).allMatch(c -> c.checked());
        assertThat(file.frontMatter().status()).isEqualTo("completed");
        assertThat(file.progressLog()).extracting(e -> e.text()).containsExactly("2025-10-16 09:00: Task created",
                "2025-10-17 14:30: Verified criterion 1: Criterion 1",
                "2025-10-17 14:30: Verified criterion 2: Criterion 2",
                "2025-10-17 14:30: Verified criterion 3: Criterion 3 (attempt 2)",
                "2025-10-17 14:30: All 3 criteria verified; task completed and archived");
    }

    @Test
    void aRecordDeliveredTwiceInOneGroupChangesOnceAndBothGetTheCommitThatHoldsIt() throws Exception {
        List<Future<String>> results = OneGroup.of(fixture.repo, List.of(verify(2, 3, "run-1", "e-1"),
                verify(2, 3, "run-1", "e-1")));

        String head = fixture.remote.remoteHead();
        assertThat(results.get(0).get()).isEqualTo(head);
        assertThat(results.get(1).get()).isEqualTo(head);
        assertThat(fixture.remote.remoteFile(path(2))).containsOnlyOnce("Verified criterion 3");
        RevCommit commit = fixture.remote.remoteLog().get(0);
        assertThat(commit.getShortMessage()).isEqualTo("TASK-0002: verified criterion 3 (Criterion 3)");
        assertThat(commit.getFooterLines("Taskstream-Event")).containsExactly("e-1");

        assertThat(fixture.recorder.recordVerified("run-1", "e-1", snapshot(2), 3, criterion(3), 1)).isEqualTo(head);
        assertThat(fixture.remote.remoteHead()).isEqualTo(head);
    }

    @Test
    void aRecordWhoseTaskIsGoneFailsAloneAndTheRestOfItsGroupIsCommitted() throws Exception {
        List<Future<String>> results = OneGroup.of(fixture.repo, List.of(verify(9, 1, "run-1", "e-1"),
                verify(1, 1, "run-1", "e-2"), () -> fixture.recorder.block("run-1", "e-3", snapshot(9), "why")));

        assertThatThrownBy(results.get(0)::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(GitTaskRepo.GitException.class).hasMessageContaining("TASK-0009")
                .satisfies(e -> assertThat(TaskRecorder.taskGone((GitTaskRepo.GitException) e)).isTrue());
        assertThatThrownBy(results.get(2)::get).cause().hasMessageContaining("TASK-0009");
        assertThat(results.get(1).get()).isEqualTo(fixture.remote.remoteHead());
        assertThat(fixture.remote.remoteFile(path(1))).contains("- [x] Criterion 1\n");
        assertThat(fixture.remote.remoteLog().get(0).getShortMessage())
                .isEqualTo("TASK-0001: verified criterion 1 (Criterion 1)");
    }
}
