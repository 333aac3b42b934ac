package io.taskstream.verifier.record;

import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.task.Criterion;
import io.taskstream.task.LogEntry;
import io.taskstream.task.TaskFile;
import io.taskstream.task.edit.TaskEditor;
import io.taskstream.task.parse.TaskFileException;
import io.taskstream.task.parse.TaskFileParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes the pipeline's progress into the task repo, each change one commit pushed to the remote: a verified
 * criterion's box, the archive of a completed task, the status of a blocked one. Each write is idempotent:
 * a redelivered event that finds its change already there commits nothing.
 */
public final class TaskRecorder {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final List<String> FOLDERS = List.of("tasks/active", "tasks/backlog", "tasks/completed");

    private final GitTaskRepo repo;
    private final TaskFileParser parser = new TaskFileParser();
    private final Clock clock;

    public TaskRecorder(GitTaskRepo repo, Clock clock) {
        this.repo = repo;
        this.clock = clock;
    }

    /** Checks the criterion's box, with a progress-log line; returns the commit that holds it. */
    public String recordVerified(String runId, String eventId, TaskSnapshot task, int number, String text,
                                 int attempt) throws GitTaskRepo.GitException {
        return repo.commitAndPush(tree -> {
            Path file = locate(tree, task);
            TaskFile parsed = parse(tree, file);
            Criterion criterion = find(parsed, number, text);
            if (criterion.checked()) {
                return null;
            }
            String line = now(MINUTE) + ": Verified criterion " + number + ": " + text
                    + (attempt > 1 ? " (attempt " + attempt + ")" : "");
            write(file, TaskEditor.of(parsed).check(criterion.number()).setUpdated(now(DAY)).appendLog(line).render());
            return task.id() + ": verified criterion " + number + " (" + text + ")\n\n" + trailers(runId, eventId);
        });
    }

    /** Marks the task completed and moves it to {@code tasks/completed/}; returns the commit and the new path. */
    public Archived archive(String runId, String eventId, TaskSnapshot task, int criteria)
            throws GitTaskRepo.GitException {
        String[] archivedPath = new String[1];
        String commit = repo.commitAndPush(tree -> {
            Path file = locate(tree, task);
            Path target = tree.resolve("tasks/completed").resolve(file.getFileName());
            archivedPath[0] = tree.relativize(target).toString();
            if (file.equals(target)) {
                return null;
            }
            TaskFile parsed = parse(tree, file);
            String text = TaskEditor.of(parsed).setStatus("completed").setUpdated(now(DAY))
                    .appendLog(now(MINUTE) + ": All " + criteria + " criteria verified; task completed and archived")
                    .render();
            Files.createDirectories(target.getParent());
            write(target, text);
            Files.delete(file);
            return task.id() + ": completed, archived to tasks/completed/\n\n" + trailers(runId, eventId);
        });
        return new Archived(commit, archivedPath[0]);
    }

    /** Marks the task blocked with the reason in its log; returns the commit. */
    public String block(String runId, String eventId, TaskSnapshot task, String reason)
            throws GitTaskRepo.GitException {
        return repo.commitAndPush(tree -> {
            Path file = locate(tree, task);
            TaskFile parsed = parse(tree, file);
            String entry = "Blocked: " + reason;
            List<LogEntry> log = parsed.progressLog();
            if ("blocked".equals(parsed.frontMatter().status()) && !log.isEmpty()
                    && log.get(log.size() - 1).text().endsWith(entry)) {
                return null;
            }
            write(file, TaskEditor.of(parsed).setStatus("blocked").setUpdated(now(DAY))
                    .appendLog(now(MINUTE) + ": " + entry).render());
            return task.id() + ": blocked\n\n" + reason + "\n\n" + trailers(runId, eventId);
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

    private static String trailers(String runId, String eventId) {
        return GitTaskRepo.RUN_TRAILER + runId + "\nTaskstream-Event: " + eventId;
    }

    /** The file where the scan saw it, or where it was moved to since (same name, another task folder). */
    private static Path locate(Path tree, TaskSnapshot task) throws IOException {
        Path file = tree.resolve(task.path()).normalize();
        if (file.startsWith(tree) && Files.isRegularFile(file)) {
            return file;
        }
        String name = Path.of(task.path()).getFileName().toString();
        for (String folder : FOLDERS) {
            Path candidate = tree.resolve(folder).resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new TaskGoneException(task.id() + " is no longer at " + task.path() + " nor in any task folder");
    }

    private TaskFile parse(Path tree, Path file) throws IOException {
        try {
            return parser.parse(tree.relativize(file).toString(), Files.readAllBytes(file));
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

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private String now(DateTimeFormatter format) {
        return format.format(clock.instant().atZone(ZoneOffset.UTC));
    }
}
