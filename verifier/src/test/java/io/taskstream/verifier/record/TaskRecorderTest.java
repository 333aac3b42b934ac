package io.taskstream.verifier.record;

import io.taskstream.events.data.TaskSnapshot;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the verifier writes into the task repo: a lone change is one pushed commit, nothing else touched. */
class TaskRecorderTest {
    private static final String PATH = "tasks/active/TASK-7.md";
    private static final String BUILD = "Build the images";
    private static final String ORIGINAL = """
            ---
            id: TASK-7
            title: Rebuild the images
            priority: high
            status: active       # active | blocked | completed
            labels: [builds, registry]
            created: 2025-10-15
            updated: 2025-10-16  # rewritten by the pipeline
            ---

            # TASK-7: Rebuild the images

            Free text\tkept byte for byte. \s
            <!-- a comment -->

            ## Acceptance Criteria
            - [x] Registry answers
            - [ ] Build the images
              - run: `./build.sh`
              - verify: `test -f built`
            - [ ] Deploy the images
              - run: `./deploy.sh`

            ## Progress Log
            - 2025-10-16 09:00: Task created
            """;
    private static final String LAST_LOG = "- 2025-10-16 09:00: Task created\n";
    private static final TaskSnapshot TASK = new TaskSnapshot("TASK-7", "Rebuild the images", "high", "active",
            PATH, List.of("builds", "registry"), List.of(), "build", List.of());

    @TempDir
    Path tmp;
    private RecorderFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new RecorderFixture(tmp);
        fixture.remote.pushFile(PATH, ORIGINAL, "add TASK-7");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void recordVerifiedChecksOnlyThatBoxAndPushesOneCommitWithTrailers() throws Exception {
        String before = fixture.remote.remoteHead();
        String commit = fixture.recorder.recordVerified("run-1", "event-1", TASK, 2, BUILD, 1);

        String expected = ORIGINAL.replace("- [ ] Build the images", "- [x] Build the images")
                .replace("updated: 2025-10-16", "updated: 2025-10-17")
                .replace(LAST_LOG, LAST_LOG + "- 2025-10-17 14:30: Verified criterion 2: Build the images\n");
        assertThat(fixture.remote.remoteFile(PATH)).isEqualTo(expected);
        assertThat(fixture.remote.remoteHead()).isEqualTo(commit);
        RevCommit head = fixture.remote.remoteLog().get(0);
        assertThat(head.getName()).isEqualTo(commit);
        assertThat(head.getParents()).extracting(RevCommit::getName).containsExactly(before);
        assertThat(head.getShortMessage()).isEqualTo("TASK-7: verified criterion 2 (Build the images)");
        assertThat(head.getFooterLines("Taskstream-Run")).containsExactly("run-1");
        assertThat(head.getFooterLines("Taskstream-Event")).containsExactly("event-1");
        assertThat(head.getFullMessage()).contains("\n" + GitTaskRepo.RUN_TRAILER + "run-1");
    }

    @Test
    void aLaterAttemptIsNamedInTheLogLine() throws Exception {
        fixture.recorder.recordVerified("run-1", "event-1", TASK, 2, BUILD, 3);
        assertThat(fixture.remote.remoteFile(PATH))
                .contains(LAST_LOG + "- 2025-10-17 14:30: Verified criterion 2: Build the images (attempt 3)\n");
    }

    @Test
    void recordingTheSameCriterionAgainCommitsNothingAndReturnsTheHead() throws Exception {
        String first = fixture.recorder.recordVerified("run-1", "event-1", TASK, 2, BUILD, 1);
        int commits = fixture.remote.remoteLog().size();

        assertThat(fixture.recorder.recordVerified("run-1", "event-2", TASK, 2, BUILD, 1)).isEqualTo(first);
        try (GitTaskRepo other = GitTaskRepo.bare(fixture.remote.url(), "main", tmp.resolve("other-clone"),
                new GitTaskRepo.Identity("Other", "other@taskstream.invalid"))) {
            TaskRecorder second = new TaskRecorder(other, Clock.systemUTC());
            assertThat(second.recordVerified("run-1", "event-1", TASK, 2, BUILD, 1)).isEqualTo(first);
        }
        assertThat(fixture.remote.remoteLog()).hasSize(commits);
        assertThat(fixture.remote.remoteFile(PATH)).containsOnlyOnce("Verified criterion 2");
    }

    @Test
    void aRedeliveredRecordNamesTheCommitThatCheckedTheBoxNotANewerOne() throws Exception {
        String checked = fixture.recorder.recordVerified("run-1", "event-1", TASK, 2, BUILD, 1);
        // Newer commits: a person's edit of the same file, and another task's record (the branch's newest).
        String edited = fixture.remote.remoteFile(PATH).replace("<!-- a comment -->\n",
                "<!-- a comment -->\nContext added by a person.\n");
        fixture.remote.pushFile(PATH, edited, "more context");
        TaskSnapshot other = new TaskSnapshot("TASK-8", "Other", "high", "active", "tasks/active/TASK-8.md",
                List.of("builds"), List.of(), "build", List.of());
        fixture.remote.pushFile(other.path(), ORIGINAL.replace("TASK-7", "TASK-8"), "add TASK-8");
        String otherTask = fixture.recorder.recordVerified("run-1", "event-2", other, 2, BUILD, 1);
        assertThat(fixture.remote.remoteHead()).isEqualTo(otherTask);

        assertThat(fixture.recorder.recordVerified("run-1", "event-3", TASK, 2, BUILD, 1)).isEqualTo(checked);
        try (GitTaskRepo fresh = GitTaskRepo.bare(fixture.remote.url(), "main", tmp.resolve("fresh-clone"),
                new GitTaskRepo.Identity("Other", "other@taskstream.invalid"))) {
            assertThat(new TaskRecorder(fresh, Clock.systemUTC()).recordVerified("run-1", "event-1", TASK, 2, BUILD, 1))
                    .isEqualTo(checked);
        }
        assertThat(fixture.remote.remoteHead()).isEqualTo(otherTask);
    }

    @Test
    void aRecordLandsOnTopOfAChangePushedUpstreamInBetween() throws Exception {
        fixture.repo.sync();
        String upstream = fixture.remote.pushFile(PATH, ORIGINAL.replace("<!-- a comment -->\n",
                "<!-- a comment -->\nContext added by a person.\n"), "more context");

        String commit = fixture.recorder.recordVerified("run-1", "event-1", TASK, 2, BUILD, 1);

        String file = fixture.remote.remoteFile(PATH);
        assertThat(file).contains("Context added by a person.\n").contains("- [x] Build the images\n");
        RevCommit head = fixture.remote.remoteLog().get(0);
        assertThat(head.getName()).isEqualTo(commit);
        assertThat(head.getParents()).extracting(RevCommit::getName).containsExactly(upstream);
    }

    @Test
    void aTaskPushedAfterTheCloneLastLookedIsFoundOnTheRemote() throws Exception {
        fixture.repo.sync();
        String newPath = "tasks/active/TASK-8.md";
        fixture.remote.pushFile(newPath, ORIGINAL.replace("TASK-7", "TASK-8"), "add TASK-8");
        TaskSnapshot task8 = new TaskSnapshot("TASK-8", "Rebuild the images", "high", "active", newPath,
                List.of("builds", "registry"), List.of(), "build", List.of());

        String commit = fixture.recorder.recordVerified("run-1", "event-1", task8, 2, BUILD, 1);

        assertThat(fixture.remote.remoteFile(newPath)).contains("- [x] Build the images\n");
        assertThat(fixture.remote.remoteHead()).isEqualTo(commit);
    }

    @Test
    void aCriterionWhoseNumberShiftedIsFoundByItsText() throws Exception {
        fixture.remote.pushFile(PATH, ORIGINAL.replace("- [ ] Build the images\n",
                "- [ ] Prepare the registry\n- [ ] Build the images\n"), "a new criterion above");

        fixture.recorder.recordVerified("run-1", "event-1", TASK, 2, BUILD, 1);

        TaskFile file = new TaskFileParser().parse(PATH, fixture.remote.remoteFile(PATH));
        assertThat(file.criteria()).extracting(c -> c.text() + "=" + c.checked()).containsExactly(
                "Registry answers=true", "Prepare the registry=false", "Build the images=true",
                "Deploy the images=false");
    }

    @Test
    void archiveMovesTheFileToCompletedWithStatusAndLogInOneCommit() throws Exception {
        String before = fixture.remote.remoteHead();
        TaskRecorder.Archived archived = fixture.recorder.archive("run-1", "event-9", TASK, 3);

        assertThat(archived.path()).isEqualTo("tasks/completed/TASK-7.md");
        assertThat(fixture.remote.remoteFile(PATH)).isNull();
        assertThat(fixture.remote.remoteFile(archived.path())).isEqualTo(ORIGINAL
                .replace("status: active       #", "status: completed    #")
                .replace("updated: 2025-10-16", "updated: 2025-10-17")
                .replace(LAST_LOG, LAST_LOG
                        + "- 2025-10-17 14:30: All 3 criteria verified; task completed and archived\n"));
        RevCommit head = fixture.remote.remoteLog().get(0);
        assertThat(head.getName()).isEqualTo(archived.commit());
        assertThat(head.getParents()).extracting(RevCommit::getName).containsExactly(before);
        assertThat(head.getShortMessage()).isEqualTo("TASK-7: completed, archived to tasks/completed/");
        assertThat(head.getFooterLines("Taskstream-Event")).containsExactly("event-9");

        int commits = fixture.remote.remoteLog().size();
        assertThat(fixture.recorder.archive("run-1", "event-10", TASK, 3)).isEqualTo(archived);
        assertThat(fixture.remote.remoteLog()).hasSize(commits);
    }

    @Test
    void blockSetsTheStatusAndLogsTheReasonOnce() throws Exception {
        String reason = "criterion 2 (Build the images): failed: exit 1";
        String commit = fixture.recorder.block("run-1", "event-3", TASK, reason);

        assertThat(fixture.remote.remoteFile(PATH)).isEqualTo(ORIGINAL
                .replace("status: active       #", "status: blocked      #")
                .replace("updated: 2025-10-16", "updated: 2025-10-17")
                .replace(LAST_LOG, LAST_LOG + "- 2025-10-17 14:30: Blocked: " + reason + "\n"));
        RevCommit head = fixture.remote.remoteLog().get(0);
        assertThat(head.getName()).isEqualTo(commit);
        assertThat(head.getShortMessage()).isEqualTo("TASK-7: blocked");
        assertThat(head.getFullMessage()).contains(reason);

        int commits = fixture.remote.remoteLog().size();
        assertThat(fixture.recorder.block("run-1", "event-4", TASK, reason)).isEqualTo(commit);
        assertThat(fixture.remote.remoteLog()).hasSize(commits);
    }

    @Test
    void aTaskMovedToAnotherFolderByAPersonIsStillFound() throws Exception {
        fixture.remote.pushDelete(PATH, "move away");
        fixture.remote.pushFile("tasks/backlog/TASK-7.md", ORIGINAL, "to the backlog");

        fixture.recorder.recordVerified("run-1", "event-1", TASK, 2, BUILD, 1);

        assertThat(fixture.remote.remoteFile("tasks/backlog/TASK-7.md")).contains("- [x] Build the images\n");
        assertThat(fixture.remote.remoteFile(PATH)).isNull();
    }

    @Test
    void aTaskFileThatDisappearedFailsNamingTheTask() throws Exception {
        fixture.remote.pushDelete(PATH, "the person deleted it");
        String head = fixture.remote.remoteHead();

        assertThatThrownBy(() -> fixture.recorder.recordVerified("run-1", "event-1", TASK, 2, BUILD, 1))
                .isInstanceOf(GitTaskRepo.GitException.class).hasMessageContaining("TASK-7");
        assertThatThrownBy(() -> fixture.recorder.block("run-1", "event-2", TASK, "why"))
                .isInstanceOf(GitTaskRepo.GitException.class).hasMessageContaining("TASK-7");
        assertThat(fixture.remote.remoteHead()).isEqualTo(head);
    }
}
