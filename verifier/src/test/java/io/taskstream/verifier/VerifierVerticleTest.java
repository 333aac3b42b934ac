package io.taskstream.verifier;

import io.taskstream.events.data.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One verifier against a real broker and a real task repo: what it checks, records and publishes. */
class VerifierVerticleTest extends VerifierTestBase {

    @Test
    void aPassingCheckRecordsTheBoxAndPublishesTheCommitThatIsOnTheRemote() throws Exception {
        TaskSnapshot task = seed("TASK-1", criterion(1, "First thing works", "true"),
                criterion(2, "Second thing works", "true"));
        startVerifier("v1");
        ready(task, ExecutionOptions.defaults());
        ran(task, 1);

        eventually().until(() -> !events(CriterionVerified.class).isEmpty());
        CriterionVerified verified = events(CriterionVerified.class).get(0);
        assertThat(verified.criterion()).isEqualTo(1);
        assertThat(verified.attempt()).isEqualTo(1);
        assertThat(verified.commit()).isEqualTo(remote.remoteHead());
        assertThat(remote.remoteLog().get(0).getShortMessage())
                .isEqualTo("TASK-1: verified criterion 1 (First thing works)");
        assertThat(remote.remoteFile(path("TASK-1")))
                .contains("- [x] First thing works\n").contains("- [ ] Second thing works\n");
        assertThat(events(TaskCompleted.class)).as("criterion 2 is still open").isEmpty();
    }

    @Test
    void aFailingCheckIsReportedAndTheBoxStaysUnchecked() throws Exception {
        TaskSnapshot task = seed("TASK-2", criterion(1, "Registry has the tag", "echo no such tag; exit 4"));
        String head = remote.remoteHead();
        startVerifier("v1");
        ready(task, ExecutionOptions.defaults());
        ran(task, 1);

        eventually().until(() -> !events(VerificationFailed.class).isEmpty());
        VerificationFailed failed = events(VerificationFailed.class).get(0);
        assertThat(failed.criterion()).isEqualTo(1);
        assertThat(failed.exitCode()).isEqualTo(4);
        assertThat(failed.unverifiable()).isFalse();
        assertThat(failed.reason()).isEqualTo("check 1 (echo no such tag; exit 4) exited with 4");
        assertThat(failed.outputTail()).contains("no such tag");
        assertThat(events(CriterionVerified.class)).isEmpty();
        assertThat(remote.remoteHead()).isEqualTo(head);
        assertThat(remote.remoteFile(path("TASK-2"))).contains("- [ ] Registry has the tag\n");
    }

    @Test
    void whenEveryCriterionIsVerifiedTheTaskIsArchivedToCompleted() throws Exception {
        TaskSnapshot task = seed("TASK-3", criterion(1, "Images built", "true"), criterion(2, "Images pushed", "true"));
        startVerifier("v1");
        ready(task, ExecutionOptions.defaults());
        ran(task, 1);
        ran(task, 2);

        eventually().until(() -> !events(TaskCompleted.class).isEmpty());
        TaskCompleted completed = events(TaskCompleted.class).get(0);
        assertThat(completed.archivedPath()).isEqualTo("tasks/completed/TASK-3.md");
        assertThat(completed.criteria()).isEqualTo(2);
        assertThat(completed.commit()).isEqualTo(remote.remoteHead());
        assertThat(events(CriterionVerified.class)).extracting(CriterionVerified::criterion).containsExactly(1, 2);
        assertThat(remote.remoteFile(path("TASK-3"))).isNull();
        assertThat(remote.remoteFile("tasks/completed/TASK-3.md")).contains("status: completed\n")
                .contains("- [x] Images built\n").contains("- [x] Images pushed\n")
                .contains(": All 2 criteria verified; task completed and archived\n");
        assertThat(remoteCommits("TASK-3: completed, archived")).isEqualTo(1);
    }

    @Test
    void aCriterionThatFailedForGoodBlocksTheTaskWithTheReason() throws Exception {
        TaskSnapshot task = seed("TASK-4", criterion(1, "Service answers", "exit 1"), criterion(2, "Logs clean", "true"));
        startVerifier("v1");
        ready(task, ExecutionOptions.defaults());
        ran(task, 2);
        ran(task, 1);
        eventually().until(() -> !events(VerificationFailed.class).isEmpty() && !events(CriterionVerified.class).isEmpty());
        failedForGood(task, 1, "verification failed after 1 attempt");

        eventually().until(() -> !events(TaskBlocked.class).isEmpty());
        TaskBlocked blocked = events(TaskBlocked.class).get(0);
        String reason = "criterion 1 (Service answers): failed: verification failed after 1 attempt";
        assertThat(blocked.reason()).isEqualTo(reason);
        assertThat(blocked.blockers()).containsExactly(reason);
        assertThat(blocked.needsHuman()).isFalse();
        assertThat(blocked.commit()).isEqualTo(remote.remoteHead());
        assertThat(remote.remoteFile(path("TASK-4"))).contains("status: blocked\n")
                .contains(": Blocked: " + reason + "\n")
                .contains("- [ ] Service answers\n").contains("- [x] Logs clean\n");
        assertThat(events(TaskCompleted.class)).isEmpty();
    }

    @Test
    void aRunThatSkipsVerificationChecksNothingAndLeavesTheTaskOpen() throws Exception {
        TaskSnapshot task = seed("TASK-5", criterion(1, "Would pass", "true"));
        startVerifier("v1");
        ready(task, new ExecutionOptions(false, List.of(), true));
        ran(task, 1);

        eventually().until(() -> !events(TaskWithdrawn.class).isEmpty());
        VerificationFailed failed = events(VerificationFailed.class).get(0);
        assertThat(failed.unverifiable()).isTrue();
        assertThat(failed.exitCode()).isEqualTo(-1);
        assertThat(failed.reason()).contains("verification skipped on request");
        assertThat(events(CriterionVerified.class)).isEmpty();
        assertThat(events(TaskWithdrawn.class).get(0).reason()).contains("the run's options left criteria out");
        assertThat(events(TaskBlocked.class)).as("a run that skipped verification blocks nothing").isEmpty();
        assertThat(remote.remoteFile(path("TASK-5"))).contains("- [ ] Would pass\n").doesNotContain("[x]")
                .doesNotContain("status: blocked");
        assertThat(remoteCommits("TASK-5: verified")).isZero();
    }

    @Test
    void aRunLimitedByACriteriaFilterEndsWithoutBlockingTheTask() throws Exception {
        TaskSnapshot task = seed("TASK-6", criterion(1, "Selected", "true"), criterion(2, "Left out", "true"));
        startVerifier("v1");
        ready(task, new ExecutionOptions(false, List.of(1), false));
        ran(task, 1);

        eventually().until(() -> !events(TaskWithdrawn.class).isEmpty());
        assertThat(events(TaskWithdrawn.class).get(0).reason()).contains("criterion 2 (Left out)");
        assertThat(events(TaskBlocked.class)).isEmpty();
        assertThat(remote.remoteFile(path("TASK-6"))).contains("- [x] Selected\n").contains("- [ ] Left out\n")
                .doesNotContain("status: blocked");
    }

    @Test
    void aTaskFileDeletedDuringTheRunEndsItsRunInsteadOfStallingThePartition() throws Exception {
        TaskSnapshot gone = seed("TASK-8", criterion(1, "Done", "true"));
        TaskSnapshot next = seed("TASK-9", criterion(1, "Also done", "true"));
        remote.pushDelete(path("TASK-8"), "TASK-8 is obsolete");
        startVerifier("v1");
        ready(gone, ExecutionOptions.defaults());
        ran(gone, 1);
        ready(next, ExecutionOptions.defaults());
        ran(next, 1);

        eventually().until(() -> !events(TaskWithdrawn.class).isEmpty() && !events(CriterionVerified.class).isEmpty());
        assertThat(events(TaskWithdrawn.class).get(0).reason()).contains("the task file is gone");
        assertThat(events(CriterionVerified.class)).singleElement().satisfies(v -> assertThat(v.text()).isEqualTo("Also done"));
    }

    @Test
    void aTaskRepoThatCannotBeWrittenEndsTheRunSayingWhatFailedAndWhere() throws Exception {
        TaskSnapshot task = seed("TASK-10", criterion(1, "Done", "true"));
        startVerifier("v1");
        String head = remote.remoteHead();
        java.nio.file.Path remoteDir = java.nio.file.Path.of(java.net.URI.create(remote.url()));
        java.nio.file.Path away = remoteDir.resolveSibling("moved-away.git");
        java.nio.file.Files.move(remoteDir, away);
        publish(task, new TaskReady(task, head, 1, ExecutionOptions.defaults()));
        ran(task, 1);

        eventually().until(() -> !events(TaskWithdrawn.class).isEmpty());
        assertThat(events(CriterionVerified.class)).isEmpty();
        assertThat(events(VerificationFailed.class)).singleElement().satisfies(f -> {
            assertThat(f.unverifiable()).as("a person has to look at the remote").isTrue();
            assertThat(f.reason()).startsWith("verified, but recording it in the task repo failed: ")
                    .contains(remote.url().replaceAll("/$", ""));
        });
        assertThat(events(TaskWithdrawn.class)).singleElement().satisfies(w ->
                assertThat(w.reason()).startsWith("the task repo could not be written: "));
        java.nio.file.Files.move(away, remoteDir);
    }
}
