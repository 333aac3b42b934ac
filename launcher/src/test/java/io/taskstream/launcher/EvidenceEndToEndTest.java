package io.taskstream.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskstream.launcher.pipeline.PipelineConfig;
import io.taskstream.testkit.BrokerExtension;
import io.vertx.core.json.JsonObject;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.notes.Note;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real run checks boxes and leaves signed evidence in git notes; {@code taskstream evidence} verifies it
 * offline in a clone, and flags what a person checked by hand and evidence that was tampered with.
 */
class EvidenceEndToEndTest {
    private static final String TASK = """
            ---
            id: TASK-001
            title: Point the build at the new registry
            priority: critical
            status: active
            labels: [infrastructure, registry]
            ---

            # TASK-001: Point the build at the new registry

            ## Acceptance Criteria
            - [ ] Registry address written
              - run: `printf 'REGISTRY_URL=127.0.0.1:5000\\n' > .env.build.local`
              - in: ffl
              - verify: `grep -qx 'REGISTRY_URL=127.0.0.1:5000' .env.build.local`
            - [ ] Certificate names the address
              - needs: 1
              - run: `echo 'IP:127.0.0.1' > registry.san`
              - in: ffl
              - verify: `grep -q 'IP:127.0.0.1' registry.san`
            - [ ] Change approved by the registry owner

            ## Progress Log
            - 2025-10-16 10:05: Task created
            """;
    private static final String LATER = """
            ---
            id: TASK-002
            title: Record the images
            priority: high
            status: active
            labels: [infrastructure]
            ---

            # TASK-002: Record the images

            ## Acceptance Criteria
            - [ ] Image list written
              - run: `echo 'ffl-backend:0.1.18' > images.txt`
              - in: ffl
              - verify: `grep -qx 'ffl-backend:0.1.18' images.txt`

            ## Progress Log
            """;

    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    @Test
    void everyBoxThePipelineCheckedHasEvidenceAndABoxCheckedByHandOrTamperedWithIsFlagged(@TempDir Path tmp)
            throws Exception {
        TaskRepoFixture repo = TaskRepoFixture.create(tmp.resolve("repo"), Map.of("tasks/active/TASK-001.md", TASK));
        Path workspace = Files.createDirectories(tmp.resolve("workspace/ffl")).getParent();
        PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), "evidence", repo.url, "main", workspace,
                tmp.resolve("state"), tmp.resolve("reports"), 1, 2, 200, 3);

        JsonObject first = PipelineEndToEndTest.runOnce(config);

        Path key = tmp.resolve("state/verifier/evidence-key.pem");
        Path publicKey = tmp.resolve("state/verifier/evidence-key.pub.pem");
        String keyBytes = Files.readString(key);
        Path person = repo.cloneNow("person");
        fetchNotes(person);
        Result ok = evidence("TASK-001", "--repo", person.toString(), "--key", publicKey.toString());
        assertThat(ok.exit).as(ok.out + ok.err).isZero();
        assertThat(ok.out).contains("✓ 1 Registry address written — verified ", " by verifier-1, run "
                        + first.getString("runId"), "check: grep -qx 'REGISTRY_URL=127.0.0.1:5000' .env.build.local",
                "signature ok)")
                .contains("✓ 2 Certificate names the address — verified ")
                .contains("· 3 Change approved by the registry owner — not checked");

        // A person checks the third box by hand and pushes.
        Path file = person.resolve("tasks/active/TASK-001.md");
        Files.writeString(file, Files.readString(file).replace("- [ ] Change approved", "- [x] Change approved"));
        try (Git git = Git.open(person.toFile())) {
            git.commit().setAll(true).setMessage("approved").setAuthor("p", "p@example.invalid")
                    .setCommitter("p", "p@example.invalid").call();
            git.push().call();
        }
        Result byHand = evidence("TASK-001", "--repo", person.toString(), "--key", publicKey.toString());
        assertThat(byHand.exit).isEqualTo(1);
        assertThat(byHand.out).contains("✓ 1 Registry address written", "✓ 2 Certificate names the address",
                "✗ 3 Change approved by the registry owner — checked without evidence (checked by hand?)");
        Result trustedById = evidence("TASK-001", "--repo", repo.bare.toString(), "--key-id", keyId(ok.out, publicKey));
        assertThat(trustedById.out).as("the remote itself, trusting the key by its id").contains("✓ 1 ", "✓ 2 ", "✗ 3 ");

        // Someone rewrites the first box's evidence in their clone.
        Path tamperer = repo.cloneNow("tamperer");
        fetchNotes(tamperer);
        tamperWithEvidenceOf(tamperer, "Registry address written");
        Result tampered = evidence("TASK-001", "--repo", tamperer.toString(), "--key", publicKey.toString());
        assertThat(tampered.exit).isEqualTo(1);
        assertThat(tampered.out).contains("✗ 1 Registry address written — checked, but its evidence ",
                "signature does not verify").contains("✓ 2 Certificate names the address");
        Result otherKey = evidence("TASK-001", "--repo", person.toString(), "--key-id", "00".repeat(32));
        assertThat(otherKey.out).contains("✗ 1 ", "not signed by a trusted key");

        // The verifier starts again: it signs with the key it made the first time.
        try (Git git = Git.open(person.toFile())) {
            Files.writeString(person.resolve("tasks/active/TASK-002.md"), LATER);
            git.add().addFilepattern(".").call();
            git.commit().setMessage("another task").setAuthor("p", "p@example.invalid")
                    .setCommitter("p", "p@example.invalid").call();
            git.push().call();
        }
        PipelineEndToEndTest.runOnce(config);
        assertThat(Files.readString(key)).isEqualTo(keyBytes);
        Path after = repo.cloneNow("after");
        fetchNotes(after);
        Result second = evidence("TASK-002", "--repo", after.toString(), "--key", publicKey.toString());
        assertThat(second.exit).as(second.out + second.err).isZero();
        assertThat(second.out).contains("✓ 1 Image list written — verified ");
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result evidence(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "evidence";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = Taskstream.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(all);
        return new Result(exit, out.toString(), err.toString());
    }

    private static void fetchNotes(Path clone) throws Exception {
        try (Git git = Git.open(clone.toFile())) {
            git.fetch().setRefSpecs(new RefSpec("+refs/notes/taskstream:refs/notes/taskstream")).call();
        }
    }

    private static String keyId(String ignored, Path publicKey) throws Exception {
        return io.taskstream.verifier.evidence.EvidenceKey.keyId(
                io.taskstream.verifier.evidence.EvidenceKey.readPublicKeys(publicKey).get(0));
    }

    /** Changes the check named in the statement of that criterion's envelope, keeping its signature. */
    private static void tamperWithEvidenceOf(Path clone, String criterion) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (Git git = Git.open(clone.toFile())) {
            Repository r = git.getRepository();
            for (Note note : git.notesList().setNotesRef("refs/notes/taskstream").call()) {
                String text = new String(r.open(note.getData(), Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
                if (!text.contains("\"payload\"")) {
                    continue;
                }
                StringBuilder changed = new StringBuilder();
                boolean found = false;
                for (String line : text.split("\n")) {
                    ObjectNode envelope = (ObjectNode) json.readTree(line);
                    String payload = new String(Base64.getDecoder().decode(envelope.get("payload").asText()),
                            StandardCharsets.UTF_8);
                    if (payload.contains("\"text\":\"" + criterion + "\"")) {
                        found = true;
                        payload = payload.replace("REGISTRY_URL=127.0.0.1:5000", "REGISTRY_URL=127.0.0.3:5000");
                        envelope.put("payload", Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)));
                    }
                    changed.append(envelope).append('\n');
                }
                if (found) {
                    try (RevWalk walk = new RevWalk(r)) {
                        git.notesAdd().setNotesRef("refs/notes/taskstream").setObjectId(walk.parseAny(ObjectId.fromString(note.name())))
                                .setMessage(changed.toString()).call();
                    }
                    return;
                }
            }
            throw new AssertionError("no evidence of '" + criterion + "' in the notes");
        }
    }
}
