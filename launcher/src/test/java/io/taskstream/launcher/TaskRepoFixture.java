package io.taskstream.launcher;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real task repo for tests: files committed to a work repo, pushed to a bare remote reached over file://. */
final class TaskRepoFixture {
    /** A task file whose front matter is broken (an unknown priority, an unclosed list): an invalid file. */
    static final String BROKEN = """
            ---
            id: TASK-007
            priority: urgent
            labels: [networking
            ---

            # TASK-007: Audit addresses
            """;

    final Path bare;
    final String url;
    private final Path root;

    private TaskRepoFixture(Path root, Path bare) {
        this.root = root;
        this.bare = bare;
        this.url = bare.toUri().toString();
    }

    static TaskRepoFixture create(Path root, Map<String, String> files) throws Exception {
        Path seed = root.resolve("seed");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = seed.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        try (Git git = Git.init().setDirectory(seed.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("tasks").setAuthor("t", "t@example.invalid").setCommitter("t", "t@example.invalid").call();
        }
        Path bare = root.resolve("remote.git");
        Git.cloneRepository().setURI(seed.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();
        return new TaskRepoFixture(root, bare);
    }

    /** A fresh clone of the remote as it is now. */
    Path cloneNow(String name) throws Exception {
        Path dir = root.resolve(name);
        Git.cloneRepository().setURI(url).setDirectory(dir.toFile()).setBranch("main").call().close();
        return dir;
    }

    /** Commit messages on the remote's main, newest first. */
    List<String> history() throws Exception {
        List<String> messages = new ArrayList<>();
        try (Git git = Git.open(bare.toFile())) {
            for (RevCommit c : git.log().call()) {
                messages.add(c.getFullMessage());
            }
        }
        return messages;
    }
}
