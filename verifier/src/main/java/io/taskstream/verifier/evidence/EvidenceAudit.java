package io.taskstream.verifier.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.task.Criterion;
import io.taskstream.task.TaskFile;
import io.taskstream.task.parse.TaskFileException;
import io.taskstream.task.parse.TaskFileParser;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.notes.Note;
import org.eclipse.jgit.notes.NoteMap;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks, offline, that every checked box of a task has evidence that checked it: a signed statement (see
 * {@link EvidenceWriter}) in a note under {@link GitTaskRepo#NOTES_REF} whose signature verifies with a trusted
 * key, noted on a commit that is HEAD or an ancestor of it, whose task file there is exactly the file the
 * statement names (SHA-256 and git blob id) and has that box checked.
 */
public final class EvidenceAudit {
    /** Where the verifier's own clone keeps the remote's notes, read when the repo has no notes ref of its own. */
    private static final String TRACKED_NOTES = "refs/remotes/origin-notes/taskstream";
    private static final List<String> FOLDERS = List.of("tasks/active", "tasks/backlog", "tasks/completed");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The keys whose signatures count: public keys given, and key ids (the statement then carries the key). */
    public record Trust(List<PublicKey> keys, Set<String> keyIds) {
        public Trust {
            keys = List.copyOf(keys);
            keyIds = Set.copyOf(keyIds);
        }
    }

    public enum Status { VERIFIED, NOT_CHECKED, NO_EVIDENCE, INVALID_EVIDENCE }

    /** One criterion at HEAD and what its evidence showed. */
    public record Line(int number, String text, Status status, String detail) {
        /** A checked box without valid evidence. */
        public boolean unproven() {
            return status == Status.NO_EVIDENCE || status == Status.INVALID_EVIDENCE;
        }
    }

    /**
     * @param path  the task file at HEAD
     * @param notes whether the repository has evidence notes at all
     */
    public record Report(String taskId, String path, String head, boolean notes, List<Line> lines) {
        public boolean allProven() {
            return lines.stream().noneMatch(Line::unproven);
        }
    }

    /** The task is not in the repository at HEAD. */
    public static final class TaskNotFound extends Exception {
        TaskNotFound(String message) {
            super(message);
        }
    }

    private record Candidate(ObjectId commit, Dsse envelope, JsonNode statement) {
        JsonNode predicate() {
            return statement.path("predicate");
        }
    }

    private final Repository repo;
    private final Trust trust;
    private final TaskFileParser parser = new TaskFileParser();

    public EvidenceAudit(Repository repo, Trust trust) {
        this.repo = repo;
        this.trust = trust;
    }

    public Report audit(String taskId) throws IOException, TaskNotFound {
        ObjectId headId = repo.resolve(Constants.HEAD);
        if (headId == null) {
            throw new TaskNotFound("the repository has no HEAD commit");
        }
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit head = walk.parseCommit(headId);
            TaskFile task = findTask(head.getTree(), taskId);
            Optional<NoteMap> notes = notes(walk);
            List<Candidate> candidates = notes.isPresent() ? candidates(notes.get(), taskId) : List.of();
            List<Line> lines = new ArrayList<>();
            for (Criterion c : task.criteria()) {
                lines.add(line(walk, head, c, candidates));
            }
            return new Report(taskId, task.path(), head.name(), notes.isPresent(), lines);
        }
    }

    private Line line(RevWalk walk, RevCommit head, Criterion c, List<Candidate> all) throws IOException {
        if (!c.checked()) {
            return new Line(c.number(), c.text(), Status.NOT_CHECKED, "not checked");
        }
        List<Candidate> mine = all.stream().filter(e -> e.predicate().path("criterion").path("number").asInt() == c.number()
                && c.text().equals(e.predicate().path("criterion").path("text").asText())).toList();
        if (mine.isEmpty()) {
            mine = all.stream().filter(e -> c.text().equals(e.predicate().path("criterion").path("text").asText()))
                    .toList();
        }
        mine = mine.stream().sorted(Comparator.comparing(
                (Candidate e) -> e.predicate().path("recordedOn").asText("")).reversed()).toList();
        String firstProblem = null;
        Candidate firstBad = null;
        for (Candidate e : mine) {
            String problem = problem(walk, head, e, c);
            if (problem == null) {
                return new Line(c.number(), c.text(), Status.VERIFIED, describe(e));
            }
            if (firstProblem == null) {
                firstProblem = problem;
                firstBad = e;
            }
        }
        if (firstBad == null) {
            return new Line(c.number(), c.text(), Status.NO_EVIDENCE, "checked without evidence (checked by hand?)");
        }
        return new Line(c.number(), c.text(), Status.INVALID_EVIDENCE, "checked, but its evidence "
                + firstBad.commit().abbreviate(7).name() + " does not hold: " + firstProblem);
    }

    /** Why the evidence does not prove the box; null when it does. */
    private String problem(RevWalk walk, RevCommit head, Candidate e, Criterion c) throws IOException {
        String signature = signature(e);
        if (signature != null) {
            return signature;
        }
        RevCommit commit;
        try {
            commit = walk.parseCommit(e.commit());
        } catch (MissingObjectException | IllegalArgumentException x) {
            return "the commit it is noted on, " + e.commit().name() + ", is not in this repository";
        }
        if (!walk.isMergedInto(commit, head)) {
            return "the commit it is noted on, " + commit.abbreviate(7).name() + ", is not in HEAD's history";
        }
        JsonNode subject = e.statement().path("subject").path(0);
        String path = subject.path("name").asText("");
        if (!path.equals(e.predicate().path("task").path("path").asText())) {
            return "its first subject is not the task file";
        }
        Optional<byte[]> file = blob(commit.getTree(), path);
        if (file.isEmpty()) {
            return "commit " + commit.abbreviate(7).name() + " has no " + path;
        }
        JsonNode digest = subject.path("digest");
        String gitBlob = new org.eclipse.jgit.lib.ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, file.get()).name();
        if (!EvidenceWriter.sha256(file.get()).equals(digest.path("sha256").asText())
                || (digest.has("gitBlob") && !gitBlob.equals(digest.path("gitBlob").asText()))) {
            return path + " at " + commit.abbreviate(7).name() + " is not the file the evidence names (digest differs)";
        }
        try {
            TaskFile then = parser.parse(path, file.get());
            boolean checked = then.criteria().stream().anyMatch(x -> x.checked() && x.text().equals(c.text()));
            if (!checked) {
                return "the box is not checked in " + path + " at " + commit.abbreviate(7).name();
            }
        } catch (TaskFileException x) {
            return path + " at " + commit.abbreviate(7).name() + " cannot be read: " + x.getMessage();
        }
        return null;
    }

    /** Null when a trusted key's signature verifies; else what is wrong with the signatures. */
    private String signature(Candidate e) {
        List<PublicKey> keys = new ArrayList<>(trust.keys());
        String embedded = e.predicate().path("verifier").path("publicKey").asText("");
        if (!embedded.isEmpty()) {
            try {
                PublicKey key = EvidenceKey.publicKey(Base64.getDecoder().decode(embedded));
                if (trust.keyIds().contains(EvidenceKey.keyId(key))) {
                    keys.add(key);
                }
            } catch (GeneralSecurityException | IllegalArgumentException ignored) {
                // an unreadable key is no trusted key
            }
        }
        if (keys.stream().anyMatch(e.envelope()::signedBy)) {
            return null;
        }
        boolean byTrustedId = e.envelope().signatures().stream().anyMatch(s ->
                trust.keyIds().contains(s.keyid()) || trust.keys().stream().anyMatch(k -> EvidenceKey.keyId(k).equals(s.keyid())));
        return byTrustedId ? "signature does not verify (the payload or signature was changed)"
                : "not signed by a trusted key (signed by " + e.envelope().signatures().stream()
                .map(s -> abbreviate(s.keyid())).toList() + ")";
    }

    private static String describe(Candidate e) {
        JsonNode p = e.predicate();
        StringBuilder out = new StringBuilder("verified ").append(minute(p.path("finishedOn").asText("")))
                .append(" by ").append(p.path("verifier").path("instance").asText("?"))
                .append(", run ").append(p.path("runId").asText("?"));
        List<String> checks = new ArrayList<>();
        p.path("checks").forEach(x -> checks.add(x.asText()));
        out.append(", check: ").append(checks.isEmpty() ? "none named" : String.join("; ", checks));
        List<String> commits = new ArrayList<>();
        p.path("commits").forEach(x -> {
            if (!x.path("commit").asText("").isEmpty()) {
                commits.add(x.path("repository").asText() + " " + abbreviate(x.path("commit").asText()));
            }
        });
        if (!commits.isEmpty()) {
            out.append(", commits: ").append(String.join(", ", commits));
        }
        return out.append(" (evidence ").append(e.commit().abbreviate(7).name()).append(", signature ok)").toString();
    }

    private static String minute(String instant) {
        try {
            return MINUTE.format(Instant.parse(instant).atZone(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            return instant;
        }
    }

    private static String abbreviate(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    private Optional<NoteMap> notes(RevWalk walk) throws IOException {
        Ref ref = repo.exactRef(GitTaskRepo.NOTES_REF);
        if (ref == null) {
            ref = repo.exactRef(TRACKED_NOTES);
        }
        if (ref == null) {
            return Optional.empty();
        }
        return Optional.of(NoteMap.read(walk.getObjectReader(), walk.parseCommit(ref.getObjectId())));
    }

    /** Every envelope of the task in the notes; what is not an envelope of ours is passed over. */
    private List<Candidate> candidates(NoteMap notes, String taskId) throws IOException {
        List<Candidate> out = new ArrayList<>();
        for (Note note : notes) {
            String text = new String(repo.open(note.getData(), Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Dsse envelope = Dsse.parse(line);
                    if (!Dsse.IN_TOTO.equals(envelope.payloadType())) {
                        continue;
                    }
                    JsonNode statement = JSON.readTree(envelope.payload());
                    if (statement != null && EvidenceWriter.STATEMENT_TYPE.equals(statement.path("_type").asText())
                            && EvidenceWriter.PREDICATE_TYPE.equals(statement.path("predicateType").asText())
                            && taskId.equals(statement.path("predicate").path("task").path("id").asText())) {
                        out.add(new Candidate(note.copy(), envelope, statement));
                    }
                } catch (IOException e) {
                    // another tool's note, or a damaged line: it is no evidence
                }
            }
        }
        return out;
    }

    private TaskFile findTask(RevTree tree, String taskId) throws IOException, TaskNotFound {
        for (String folder : FOLDERS) {
            try (TreeWalk tw = new TreeWalk(repo)) {
                tw.addTree(tree);
                tw.setRecursive(true);
                tw.setFilter(PathFilter.create(folder));
                while (tw.next()) {
                    String path = tw.getPathString();
                    if (!path.endsWith(".md")) {
                        continue;
                    }
                    try {
                        TaskFile file = parser.parse(path, repo.open(tw.getObjectId(0)).getBytes());
                        if (taskId.equals(file.id())) {
                            return file;
                        }
                    } catch (TaskFileException e) {
                        // not this task, or not readable: another file may be it
                    }
                }
            }
        }
        throw new TaskNotFound("no task " + taskId + " in " + String.join(", ", FOLDERS) + " at HEAD");
    }

    private Optional<byte[]> blob(RevTree tree, String path) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(repo, path, tree)) {
            return tw == null ? Optional.empty() : Optional.of(repo.open(tw.getObjectId(0)).getBytes());
        }
    }
}
