package io.taskstream.runtime.git;

import io.taskstream.runtime.git.GitTaskRepo.Annotation;
import io.taskstream.runtime.git.GitTaskRepo.Recorded;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.notes.Note;
import org.eclipse.jgit.notes.NoteMap;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** Notes made from the committed file and published under refs/notes/taskstream with the branch. */
class GitTaskRepoNotesTest {
    private static final GitTaskRepo.Identity BOT = new GitTaskRepo.Identity("taskstream", "bot@taskstream.test");
    private static final String TASK = "tasks/active/TASK-1.md";

    @TempDir
    Path temp;
    private Git remote;
    private String url;
    private GitTaskRepo repo;

    @BeforeEach
    void setUp() throws Exception {
        remote = Git.init().setBare(true).setInitialBranch("main").setDirectory(temp.resolve("remote.git").toFile())
                .call();
        url = temp.resolve("remote.git").toUri().toString();
        try (Git seeder = Git.cloneRepository().setURI(url).setDirectory(temp.resolve("seeder").toFile()).call()) {
            Files.createDirectories(temp.resolve("seeder/tasks/active"));
            Files.writeString(temp.resolve("seeder/" + TASK), "# TASK-1\n- [ ] one\n- [ ] two\n");
            seeder.add().addFilepattern(".").call();
            seeder.commit().setMessage("seed").setAuthor("seed", "seed@test").setCommitter("seed", "seed@test").call();
            seeder.push().setRemote("origin").setRefSpecs(new RefSpec("HEAD:refs/heads/main")).call();
        }
        repo = GitTaskRepo.bare(url, "main", temp.resolve("clone"), BOT);
    }

    @AfterEach
    void tearDown() {
        repo.close();
        remote.close();
    }

    /** Checks box {@code n} and notes the sha256 of the file as committed. */
    private String check(int n) throws Exception {
        return repo.record(files -> {
            String text = new String(files.read(TASK).orElseThrow(), StandardCharsets.UTF_8);
            files.write(TASK, text.replaceFirst("- \\[ \\]", "- [x]").getBytes(StandardCharsets.UTF_8));
            return new Recorded("TASK-1: verified criterion " + n, null, "TASK-1 #" + n, "run-1", "e-" + n,
                    new Annotation(TASK, bytes -> "{\"criterion\":" + n + ",\"sha256\":\"" + sha256(bytes) + "\"}"));
        });
    }

    @Test
    void theNoteOfARecordIsPublishedOnItsCommitAndNamesTheFileAsCommitted() throws Exception {
        String commit = check(1);

        assertThat(note(commit)).isEqualTo("{\"criterion\":1,\"sha256\":\"" + sha256(fileAt(commit)) + "\"}\n");
        String second = check(2);
        assertThat(note(second)).contains("\"criterion\":2");
        assertThat(note(commit)).as("earlier notes are kept").contains("\"criterion\":1");
    }

    @Test
    void aNotesPushOvertakenBySomeoneElsesIsBuiltAgainOnTheirs() throws Exception {
        String first = check(1);
        // Someone else adds a note to the seed commit and pushes it before the verifier's next record.
        Path other = temp.resolve("other");
        try (Git git = Git.cloneRepository().setURI(url).setDirectory(other.toFile()).call()) {
            git.fetch().setRefSpecs(new RefSpec("+refs/notes/*:refs/notes/*")).call();
            ObjectId seed = git.getRepository().resolve("HEAD~1");
            try (RevWalk walk = new RevWalk(git.getRepository())) {
                git.notesAdd().setNotesRef(GitTaskRepo.NOTES_REF).setObjectId(walk.parseCommit(seed))
                        .setMessage("a person's note").call();
            }
            git.push().setRefSpecs(new RefSpec(GitTaskRepo.NOTES_REF + ":" + GitTaskRepo.NOTES_REF)).call();
        }

        String second = check(2);

        assertThat(note(second)).contains("\"criterion\":2");
        assertThat(note(first)).contains("\"criterion\":1");
        assertThat(note(remote.getRepository().resolve("main~2").name())).contains("a person's note");
    }

    private String note(String commit) throws Exception {
        Repository r = remote.getRepository();
        ObjectId notes = r.resolve(GitTaskRepo.NOTES_REF);
        assertThat(notes).as("the remote has " + GitTaskRepo.NOTES_REF).isNotNull();
        try (RevWalk walk = new RevWalk(r)) {
            NoteMap map = NoteMap.read(walk.getObjectReader(), walk.parseCommit(notes));
            Note note = map.getNote(ObjectId.fromString(commit));
            assertThat(note).as("a note on " + commit).isNotNull();
            return new String(r.open(note.getData(), Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
        }
    }

    private byte[] fileAt(String commit) throws Exception {
        Repository r = remote.getRepository();
        try (RevWalk walk = new RevWalk(r);
             var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(r, TASK, walk.parseCommit(ObjectId.fromString(commit)).getTree())) {
            return r.open(tw.getObjectId(0)).getBytes();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
