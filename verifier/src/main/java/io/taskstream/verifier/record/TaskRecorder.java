package io.taskstream.verifier.record;

import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.runtime.git.FileOverlay;
import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.runtime.git.GitTaskRepo.Recorded;
import io.taskstream.task.Criterion;
import io.taskstream.task.LogEntry;
import io.taskstream.task.TaskFile;
import io.taskstream.task.edit.TaskEditor;
import io.taskstream.task.parse.TaskFileException;
import io.taskstream.task.parse.TaskFileParser;
import io.taskstream.verifier.evidence.EvidenceWriter;
import io.taskstream.verifier.evidence.Verification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes the pipeline's progress into the task repo: a verified criterion's box, the archive of a completed
 * task, the status of a blocked one. Thread-safe: each call blocks until its change is pushed, and changes
 * recorded at the same time from several threads share one commit (see {@link GitTaskRepo#record}). Each
 * write is idempotent: a redelivered event that finds its change already there changes nothing, and gets
 * the commit that holds it.
 */
public final class TaskRecorder {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final List<String> FOLDERS = List.of("tasks/active", "tasks/backlog", "tasks/completed");
    private static final String COMPLETED = "tasks/completed";

    private final GitTaskRepo repo;
    private final TaskFileParser parser = new TaskFileParser();
    private final Clock clock;
    private final EvidenceWriter evidence;

    /** A recorder that writes no evidence. */
    public TaskRecorder(GitTaskRepo repo, Clock clock) {
        this(repo, clock, null);
    }

    /**
     * @param evidence signs the evidence of each verified criterion, kept as a note on the commit that checked
     *                 its box (see {@link GitTaskRepo#NOTES_REF}); null: no evidence
     */
    public TaskRecorder(GitTaskRepo repo, Clock clock, EvidenceWriter evidence) {
        this.repo = repo;
        this.clock = clock;
        this.evidence = evidence;
    }

    /**
     * Checks the criterion's box, with a progress-log line; returns the commit that holds it. When the box is
     * already checked (a redelivered event) nothing is committed and the commit that checked it is returned,
     * not the branch's newest, which may be another task's.
     */
    public String recordVerified(String runId, String eventId, TaskSnapshot task, int number, String text,
                                 int attempt) throws GitTaskRepo.GitException {
        return record(runId, eventId, task, number, text, attempt, null);
    }

    /**
     * {@link #recordVerified(String, String, TaskSnapshot, int, String, int) Checks the box} of what {@code v}
     * verified, and, when this recorder writes evidence, notes its signed evidence on the commit that checks it
     * (made from the task file as that commit holds it). A box found already checked gets no new evidence.
     */
    public String recordVerified(TaskSnapshot task, Verification v) throws GitTaskRepo.GitException {
        return record(v.runId(), v.eventId(), task, v.criterion(), v.text(), v.attempt(), v);
    }

    private String record(String runId, String eventId, TaskSnapshot task, int number, String text, int attempt,
                          Verification v) throws GitTaskRepo.GitException {
        String subject = task.id() + ": verified criterion " + number + " (" + text + ")";
        // Set by the edit's last application (it is applied again when the remote moved meanwhile).
        String[] alreadyIn = new String[1];
        String commit = repo.record(files -> {
            alreadyIn[0] = null;
            String path = locate(files, task);
            TaskFile parsed = parse(files, path);
            Criterion criterion = find(parsed, number, text);
            if (criterion.checked()) {
                alreadyIn[0] = path;
                return null;
            }
            String line = now(MINUTE) + ": Verified criterion " + number + ": " + text
                    + (attempt > 1 ? " (attempt " + attempt + ")" : "");
            write(files, path, TaskEditor.of(parsed).check(criterion.number()).setUpdated(now(DAY)).appendLog(line));
            return new Recorded(subject, null, task.id() + " #" + number, runId, eventId, annotation(path, v));
        });
        return alreadyIn[0] == null ? commit : repo.holderOf(alreadyIn[0], subject).orElse(commit);
    }

    private GitTaskRepo.Annotation annotation(String path, Verification v) {
        return evidence == null || v == null ? null
                : new GitTaskRepo.Annotation(path, committed -> evidence.envelope(v, path, committed));
    }

    /** Marks the task completed and moves it to {@code tasks/completed/}; returns the commit and the new path. */
    public Archived archive(String runId, String eventId, TaskSnapshot task, int criteria)
            throws GitTaskRepo.GitException {
        String[] archivedPath = new String[1];
        String commit = repo.record(files -> {
            String path = locate(files, task);
            String target = COMPLETED + "/" + fileName(path);
            archivedPath[0] = target;
            if (path.equals(target)) {
                return null;
            }
            TaskFile parsed = parse(files, path);
            files.delete(path);
            write(files, target, TaskEditor.of(parsed).setStatus("completed").setUpdated(now(DAY))
                    .appendLog(now(MINUTE) + ": All " + criteria + " criteria verified; task completed and archived"));
            return new Recorded(task.id() + ": completed, archived to tasks/completed/", null,
                    task.id() + " completed", runId, eventId);
        });
        return new Archived(commit, archivedPath[0]);
    }

    /** Marks the task blocked with the reason in its log; returns the commit. */
    public String block(String runId, String eventId, TaskSnapshot task, String reason)
            throws GitTaskRepo.GitException {
        return repo.record(files -> {
            String path = locate(files, task);
            TaskFile parsed = parse(files, path);
            String entry = "Blocked: " + reason;
            List<LogEntry> log = parsed.progressLog();
            if ("blocked".equals(parsed.frontMatter().status()) && !log.isEmpty()
                    && log.get(log.size() - 1).text().endsWith(entry)) {
                return null;
            }
            write(files, path, TaskEditor.of(parsed).setStatus("blocked").setUpdated(now(DAY))
                    .appendLog(now(MINUTE) + ": " + entry));
            return new Recorded(task.id() + ": blocked", reason, task.id() + " blocked", runId, eventId);
        });
    }

    /** The task's file is not in the task repo any more: nothing can be recorded for it. */
    public static final class TaskGoneException extends IOException {
        TaskGoneException(String message) {
            super(message);
        }
    }

    /** Whether a failed write failed because the task's file is gone (not worth trying again). */
    public static boolean taskGone(GitTaskRepo.GitException e) {
        return e.getCause() instanceof TaskGoneException;
    }

    /** The archive commit and where the file is now. */
    public record Archived(String commit, String path) {
    }

    /** The file where the scan saw it, or where it was moved to since (same name, another task folder). */
    private static String locate(FileOverlay files, TaskSnapshot task) throws IOException {
        String path = FileOverlay.normalize(task.path());
        if (path != null && files.isFile(path)) {
            return path;
        }
        String name = fileName(task.path());
        for (String folder : FOLDERS) {
            if (files.isFile(folder + "/" + name)) {
                return folder + "/" + name;
            }
        }
        throw new TaskGoneException(task.id() + " is no longer at " + task.path() + " nor in any task folder");
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private TaskFile parse(FileOverlay files, String path) throws IOException {
        byte[] bytes = files.read(path).orElseThrow(() -> new IOException(path + " is not a file"));
        try {
            return parser.parse(path, bytes);
        } catch (TaskFileException e) {
            throw new IOException("the task file changed into something unreadable: " + e.getMessage(), e);
        }
    }

    /** The criterion by number, unless the file changed since the scan; then by its text. */
    private static Criterion find(TaskFile file, int number, String text) throws IOException {
        return file.criteria().stream().filter(c -> c.number() == number && c.text().equals(text)).findFirst()
                .or(() -> file.criteria().stream().filter(c -> c.text().equals(text)).findFirst())
                .orElseThrow(() -> new IOException(file.path() + " no longer has criterion '" + text + "'"));
    }

    private static void write(FileOverlay files, String path, TaskEditor edited) throws IOException {
        files.write(path, edited.render().getBytes(StandardCharsets.UTF_8));
    }

    private String now(DateTimeFormatter format) {
        return format.format(clock.instant().atZone(ZoneOffset.UTC));
    }
}
