package io.taskstream.deploy;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The task repo the stack runs: three tasks, one depending on another, one criterion failing on its first attempt
 * (so that the retry crosses the retry topic and may land on the other executor). Its remote is a bare repo.
 */
final class StackTaskRepo {
    static final List<String> TASKS = List.of("TASK-001", "TASK-002", "TASK-003");

    private StackTaskRepo() {
    }

    /** Writes the tasks under {@code dir/src}, commits them and clones {@code dir/tasks.git}, the remote. */
    static Path create(Path dir) throws IOException, GitAPIException {
        Path src = dir.resolve("src");
        write(src, "TASK-001", "[]", criterion("config written", "echo ready > stack-1.conf", "grep -qx ready stack-1.conf")
                + criterion("config copied", "cp stack-1.conf stack-1.copy", "cmp -s stack-1.conf stack-1.copy"));
        write(src, "TASK-002", "[TASK-001]", criterion("depends on the copy", "test -f stack-1.copy && touch stack-2.done",
                "test -f stack-2.done")
                + criterion("passes on its second attempt",
                "test -f stack-2.retried || { touch stack-2.retried; echo first attempt fails >&2; exit 3; }",
                "test -f stack-2.retried"));
        write(src, "TASK-003", "[]", criterion("independent", "echo three > stack-3.txt", "grep -qx three stack-3.txt"));
        try (Git git = Git.init().setDirectory(src.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("Three tasks for the stack").setSign(false)
                    .setAuthor("Task Author", "author@example.invalid")
                    .setCommitter("Task Author", "author@example.invalid").call();
        }
        Path bare = dir.resolve("tasks.git");
        Git.cloneRepository().setURI(src.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();
        return bare;
    }

    /**
     * Pushes {@code TASK-004} (one criterion) to the remote as a person would, from a fresh clone.
     *
     * @return the pushed commit
     */
    static String pushAnotherTask(Path remote, Path clone) throws IOException, GitAPIException {
        try (Git git = Git.cloneRepository().setURI(remote.toUri().toString()).setDirectory(clone.toFile()).call()) {
            write(clone, "TASK-004", "[]", criterion("pushed later", "echo four > stack-4.txt",
                    "grep -qx four stack-4.txt"));
            git.add().addFilepattern(".").call();
            String commit = git.commit().setMessage("Add TASK-004").setSign(false)
                    .setAuthor("Task Author", "author@example.invalid")
                    .setCommitter("Task Author", "author@example.invalid").call().name();
            git.push().call();
            return commit;
        }
    }

    private static String criterion(String text, String run, String verify) {
        return "- [ ] " + text + "\n  - run: `" + run + "`\n  - verify: `" + verify + "`\n";
    }

    private static void write(Path src, String id, String dependsOn, String criteria) throws IOException {
        Path file = src.resolve("tasks/active/" + id + ".md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "---\nid: " + id + "\ntitle: Stack " + id + "\npriority: high\nstatus: active\n"
                + "labels: [verification]\ndepends_on: " + dependsOn + "\ncreated: 2026-11-30\nupdated: 2026-11-30\n"
                + "---\n\n# " + id + ": Stack " + id + "\n\n## Acceptance Criteria\n" + criteria
                + "\n## Progress Log\n- 2026-11-30 09:00: Task created\n", StandardCharsets.UTF_8);
    }
}
