package io.taskstream.verifier.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskstream.events.data.RepoCommit;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Makes a verified criterion's evidence: an in-toto Statement v1 whose subjects are the task file as the
 * recording commit holds it, the commits the criterion made elsewhere and the images it pushed, with a
 * {@value #PREDICATE_TYPE} predicate saying what was checked, when, by whom; signed in a DSSE envelope.
 */
public final class EvidenceWriter {
    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String PREDICATE_TYPE = "https://taskstream.dev/verification/v1";
    /** How much of the end of the output the evidence quotes; the digest covers all of it. */
    static final int EXCERPT_CHARS = 600;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EvidenceKey key;
    private final String instance;
    private final Clock clock;

    public EvidenceWriter(EvidenceKey key, String instance, Clock clock) {
        this.key = key;
        this.instance = instance;
        this.clock = clock;
    }

    public String keyId() {
        return key.keyId();
    }

    /**
     * The envelope, on one line, of the evidence of {@code v}, recorded in {@code path} whose bytes at the
     * recording commit are {@code committed}.
     */
    public String envelope(Verification v, String path, byte[] committed) throws IOException {
        if (committed == null) {
            throw new IOException("the recording commit has no " + path);
        }
        try {
            return Dsse.sign(Dsse.IN_TOTO, JSON.writeValueAsBytes(statement(v, path, committed)), key).toJson();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign the evidence of " + v.taskId() + " #" + v.criterion() + ": "
                    + e.getMessage(), e);
        }
    }

    ObjectNode statement(Verification v, String path, byte[] committed) {
        ObjectNode statement = JSON.createObjectNode();
        statement.put("_type", STATEMENT_TYPE);
        ArrayNode subjects = statement.putArray("subject");
        subjects.addObject().put("name", path).putObject("digest").put("sha256", sha256(committed))
                .put("gitBlob", new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, committed).name());
        for (RepoCommit c : v.commits()) {
            if (!c.commit().isEmpty()) {
                subjects.addObject().put("name", c.repository() + (c.branch().isEmpty() ? "" : "@" + c.branch()))
                        .putObject("digest").put("gitCommit", c.commit());
            }
        }
        images(v.facts()).forEach((image, digest) -> subjects.addObject().put("name", image).putObject("digest")
                .put("sha256", digest));
        statement.put("predicateType", PREDICATE_TYPE);
        statement.set("predicate", predicate(v, path));
        return statement;
    }

    private ObjectNode predicate(Verification v, String path) {
        ObjectNode p = JSON.createObjectNode();
        p.putObject("task").put("id", v.taskId()).put("path", path);
        p.putObject("criterion").put("number", v.criterion()).put("text", v.text());
        p.put("attempt", v.attempt());
        if (v.attemptId() != null) {
            p.put("attemptId", v.attemptId());
        }
        ArrayNode checks = p.putArray("checks");
        v.checks().forEach(checks::add);
        String output = v.output();
        p.putObject("output").put("sha256", sha256(output.getBytes(StandardCharsets.UTF_8)))
                .put("excerpt", output.length() <= EXCERPT_CHARS ? output
                        : "…" + output.substring(output.length() - EXCERPT_CHARS));
        p.put("startedOn", v.started().toString());
        p.put("finishedOn", v.finished().toString());
        p.put("recordedOn", clock.instant().toString());
        p.putObject("verifier").put("instance", instance).put("keyId", key.keyId())
                .put("publicKey", Base64.getEncoder().encodeToString(key.publicKey().getEncoded()));
        p.put("runId", v.runId());
        p.putObject("events").put("criterionVerified", v.eventId());
        ArrayNode commits = p.putArray("commits");
        v.commits().forEach(c -> commits.addObject().put("repository", c.repository()).put("commit", c.commit())
                .put("branch", c.branch()).put("pushed", c.pushed()).put("note", c.note()));
        ObjectNode facts = p.putObject("facts");
        new TreeMap<>(v.facts()).forEach(facts::put);
        return p;
    }

    /** Each pushed image and its digest: {@code image}/{@code digest} and {@code <i>:image}/{@code <i>:digest}. */
    private static Map<String, String> images(Map<String, String> facts) {
        Map<String, String> out = new TreeMap<>();
        Set<String> seen = new LinkedHashSet<>();
        facts.forEach((k, digest) -> {
            if ((k.equals("digest") || k.endsWith(":digest")) && digest.startsWith("sha256:")) {
                String image = facts.getOrDefault(k.substring(0, k.length() - "digest".length()) + "image", "image");
                if (seen.add(image + digest)) {
                    out.put(image, digest.substring("sha256:".length()));
                }
            }
        });
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
