package io.taskstream.runtime.git;

import io.taskstream.runtime.git.GitTaskRepo.Recorded;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommitMessageTest {
    private static Recorded verified(String task, int number, String run, String event) {
        return new Recorded(task + ": verified criterion " + number + " (Build)", null, task + " #" + number, run,
                event);
    }

    @Test
    void aLoneRecordKeepsItsOwnMessage() {
        assertThat(CommitMessage.of(List.of(new Recorded("TASK-7: blocked", "exit 1\nand more", "TASK-7 blocked",
                "run-1", "e-1")))).isEqualTo("TASK-7: blocked\n\nexit 1\nand more\n\n"
                + "Taskstream-Run: run-1\nTaskstream-Event: e-1");
    }

    @Test
    void aGroupIsCountedAndNamedWithOneBodyLineEachAndEveryTrailer() {
        String message = CommitMessage.of(List.of(verified("TASK-1", 2, "run-1", "e-1"),
                verified("TASK-3", 1, "run-2", "e-2"),
                new Recorded("TASK-3: blocked", "exit 1\nand more", "TASK-3 blocked", "run-1", "e-3")));

        assertThat(message).isEqualTo("""
                Record 3 changes: TASK-1 #2, TASK-3 #1, TASK-3 blocked

                TASK-1: verified criterion 2 (Build)
                TASK-3: verified criterion 1 (Build)
                TASK-3: blocked: exit 1 and more

                Taskstream-Run: run-1
                Taskstream-Run: run-2
                Taskstream-Event: e-1
                Taskstream-Event: e-2
                Taskstream-Event: e-3""");
    }

    @Test
    void aLongGroupSubjectIsCutAfterTheLastLabelThatFits() {
        List<Recorded> records = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            records.add(verified("TASK-" + i, 1, "run-1", "e-" + i));
        }

        String subject = CommitMessage.of(records).lines().findFirst().orElseThrow();

        assertThat(subject).as("labels sorted").startsWith("Record 40 changes: TASK-1 #1, TASK-10 #1, ").endsWith(", …")
                .hasSizeLessThanOrEqualTo(GitTaskRepo.SUBJECT_LIMIT);
    }
}
