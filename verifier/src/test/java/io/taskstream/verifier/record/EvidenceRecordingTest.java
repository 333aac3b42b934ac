package io.taskstream.verifier.record;

import io.taskstream.events.data.RepoCommit;
import io.taskstream.verifier.evidence.EvidenceAudit;
import io.taskstream.verifier.evidence.EvidenceKey;
import io.taskstream.verifier.evidence.EvidenceWriter;
import io.taskstream.verifier.evidence.Verification;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.notes.Note;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

import static io.taskstream.verifier.record.TaskFiles.criterion;
import static io.taskstream.verifier.record.TaskFiles.path;
import static io.taskstream.verifier.record.TaskFiles.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

/** Evidence written with the records: one note per commit, one envelope per record of a group. */
class EvidenceRecordingTest {
    @TempDir
    Path tmp;
    private RecorderFixture fixture;
    private EvidenceKey key;
    private TaskRecorder recorder;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new RecorderFixture(tmp);
        for (int n = 1; n <= 2; n++) {
            fixture.remote.pushFile(path(n), TaskFiles.text(n, 3), "add task " + n);
        }
        fixture.repo.sync();
        key = EvidenceKey.loadOrGenerate(tmp.resolve("state/evidence-key.pem"));
        recorder = new TaskRecorder(fixture.repo, RecorderFixture.CLOCK,
                new EvidenceWriter(key, "verifier-1", RecorderFixture.CLOCK));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private Callable<String> verify(int task, int number) {
        Verification v = new Verification("run-1", "e-" + task + "-" + number, TaskFiles.id(task), number,
                criterion(number), 1, "a-" + number, List.of("verify: true"), "ok\n", Instant.parse("2025-10-17T14:29:00Z"),
                Instant.parse("2025-10-17T14:29:01Z"),
                List.of(new RepoCommit("ffl", "0123456789abcdef0123456789abcdef01234567", "main", true, "")),
                Map.of("image", "127.0.0.1:5000/ffl:1", "digest", "sha256:" + "ab".repeat(32)));
        return () -> recorder.recordVerified(snapshot(task), v);
    }

    @Test
    void aGroupCommitsNoteHoldsEveryRecordsEvidenceEachNamingTheFileAsCommitted() throws Exception {
        List<Future<String>> results = OneGroup.of(fixture.repo, List.of(verify(1, 1), verify(1, 2), verify(2, 1)));

        String commit = results.get(0).get();
        assertThat(results.get(1).get()).isEqualTo(commit);
        assertThat(results.get(2).get()).isEqualTo(commit);
        try (Git clone = fixture.remote.freshClone()) {
            clone.fetch().setRefSpecs(new RefSpec("+refs/notes/taskstream:refs/notes/taskstream")).call();
            List<Note> notes = clone.notesList().setNotesRef("refs/notes/taskstream").call();
            assertThat(notes).singleElement().satisfies(n -> assertThat(n.name()).isEqualTo(commit));
            String note = new String(clone.getRepository().open(notes.get(0).getData(), Constants.OBJ_BLOB).getBytes(),
                    StandardCharsets.UTF_8);
            assertThat(note.strip().split("\n")).hasSize(3);

            EvidenceAudit.Report task1 = new EvidenceAudit(clone.getRepository(),
                    new EvidenceAudit.Trust(List.of(key.publicKey()), Set.of())).audit(TaskFiles.id(1));
            assertThat(task1.lines()).extracting(EvidenceAudit.Line::status).containsExactly(
                    EvidenceAudit.Status.VERIFIED, EvidenceAudit.Status.VERIFIED, EvidenceAudit.Status.NOT_CHECKED);
            assertThat(task1.lines().get(0).detail()).contains("by verifier-1, run run-1, check: verify: true",
                    "commits: ffl 0123456789ab", "(evidence " + commit.substring(0, 7) + ", signature ok)");
            assertThat(new EvidenceAudit(clone.getRepository(), new EvidenceAudit.Trust(List.of(), Set.of(key.keyId())))
                    .audit(TaskFiles.id(2)).allProven()).as("trusted by key id").isTrue();
        }
    }

    @Test
    void aBoxFoundAlreadyCheckedGetsNoSecondEvidence() throws Exception {
        String first = verify(1, 1).call();
        String again = verify(1, 1).call();

        assertThat(again).isEqualTo(first);
        try (Git clone = fixture.remote.freshClone()) {
            clone.fetch().setRefSpecs(new RefSpec("+refs/notes/taskstream:refs/notes/taskstream")).call();
            Note note = clone.notesList().setNotesRef("refs/notes/taskstream").call().get(0);
            assertThat(new String(clone.getRepository().open(note.getData()).getBytes(), StandardCharsets.UTF_8)
                    .strip().split("\n")).hasSize(1);
        }
    }
}
