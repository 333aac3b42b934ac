package io.taskstream.launcher.faults;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A generated task repo (a bare remote reached over file://) and its workspace: {@code tasks × criteria} criteria
 * whose {@code run} appends {@code <task> <criterion> <pid>} to {@code runs/<task>-<criterion>.log} in the
 * workspace (one line per time the criterion ran) and whose {@code verify} checks that file. Every command carries a
 * marker unique to this repo, so that processes left running can be found.
 */
final class CountingRepo {
    final Path bare;
    final String url;
    final Path workspace;
    final String marker = "fault-" + UUID.randomUUID();
    final int tasks;
    final int criteria;
    private final Path root;
    private Git writer;

    private CountingRepo(Path root, int tasks, int criteria) throws IOException {
        this.root = root;
        this.bare = root.resolve("remote.git");
        this.url = bare.toUri().toString();
        this.workspace = Files.createDirectories(root.resolve("workspace"));
        Files.createDirectories(workspace.resolve("runs"));
        this.tasks = tasks;
        this.criteria = criteria;
    }

    /**
     * @param seconds how long each criterion's command sleeps after appending its line (a window for faults)
     * @param extra   further files of the first commit (path to bytes), e.g. broken task files
     */
    static CountingRepo create(Path root, int tasks, int criteria, String seconds, Map<String, byte[]> extra)
            throws Exception {
        CountingRepo repo = new CountingRepo(root, tasks, criteria);
        Map<String, byte[]> files = new LinkedHashMap<>(extra);
        for (int t = 1; t <= tasks; t++) {
            files.put("tasks/active/" + taskId(t) + ".md", repo.taskFile(t, seconds).getBytes(StandardCharsets.UTF_8));
        }
        Path seed = root.resolve("seed");
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = seed.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        try (Git git = Git.init().setDirectory(seed.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("tasks").setAuthor("t", "t@example.invalid").setCommitter("t", "t@example.invalid").call();
        }
        Git.cloneRepository().setURI(seed.toUri().toString()).setDirectory(repo.bare.toFile()).setBare(true).call().close();
        return repo;
    }

    static String taskId(int t) {
        return String.format("TASK-%03d", t);
    }

    /** Every criterion as {@code TASK-001#2}, in order. */
    List<String> criterionKeys() {
        List<String> keys = new ArrayList<>();
        for (int t = 1; t <= tasks; t++) {
            for (int c = 1; c <= criteria; c++) {
                keys.add(taskId(t) + "#" + c);
            }
        }
        return keys;
    }

    private String taskFile(int t, String seconds) {
        String id = taskId(t);
        StringBuilder b = new StringBuilder("""
                ---
                id: %s
                title: Counted task %d
                priority: medium
                status: active
                labels: [infrastructure]
                ---

                # %s: Counted task %d

                ## Acceptance Criteria
                """.formatted(id, t, id, t));
        for (int c = 1; c <= criteria; c++) {
            String file = "runs/" + id + "-" + c + ".log";
            b.append("- [ ] Criterion ").append(c).append(" of ").append(id).append('\n')
                    .append("  - run: `: ").append(marker).append("; echo \"").append(id).append(' ').append(c)
                    .append(" $$\" >> ").append(file).append("; sleep ").append(seconds).append("; true`\n")
                    .append("  - verify: `grep -q '^").append(id).append(' ').append(c).append(" ' ").append(file)
                    .append("`\n");
        }
        return b.append("\n## Progress Log\n- 2026-01-01 10:00: Task created\n").toString();
    }

    /** How many times each criterion ran, from the lines its command appended: {@code TASK-001#2} to count. */
    Map<String, Integer> runCounts() throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (String key : criterionKeys()) {
            Path file = workspace.resolve("runs/" + key.replace('#', '-') + ".log");
            counts.put(key, Files.exists(file) ? (int) Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count() : 0);
        }
        return counts;
    }

    /** Live processes started from this repo's commands (a killed executor's orphans, a command left running). */
    long leakedProcesses() {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
                    .count();
        }
    }

    /** The text of a file on the remote's main, or null. */
    String remoteFile(String path) throws IOException {
        try (Repository r = Git.open(bare.toFile()).getRepository(); RevWalk walk = new RevWalk(r)) {
            RevCommit head = walk.parseCommit(r.resolve("refs/heads/main"));
            try (TreeWalk tw = TreeWalk.forPath(r, path, head.getTree())) {
                return tw == null ? null : new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** Tasks whose file on the remote is not archived with every box checked, with what is wrong. */
    Map<String, String> tasksNotDone() throws IOException {
        Map<String, String> wrong = new TreeMap<>();
        for (int t = 1; t <= tasks; t++) {
            String id = taskId(t);
            String text = remoteFile("tasks/completed/" + id + ".md");
            if (text == null) {
                wrong.put(id, "not archived");
                continue;
            }
            long checked = text.lines().filter(l -> l.startsWith("- [x] ")).count();
            long open = text.lines().filter(l -> l.startsWith("- [ ] ")).count();
            if (checked != criteria || open != 0) {
                wrong.put(id, checked + " boxes checked, " + open + " open");
            }
        }
        return wrong;
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

    /** Commits on main whose parent is a commit of another writer and whose message does not start with {@code prefix}. */
    long commitsOnAnotherWritersCommit(String otherPrefix) throws Exception {
        long n = 0;
        try (Git git = Git.open(bare.toFile())) {
            for (RevCommit c : git.log().call()) {
                if (!c.getFullMessage().startsWith(otherPrefix) && c.getParentCount() == 1
                        && git.getRepository().parseCommit(c.getParent(0)).getFullMessage().startsWith(otherPrefix)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Whether {@code commit} is in the history of the remote's main. */
    boolean onMain(ObjectId commit) throws IOException {
        try (Repository r = Git.open(bare.toFile()).getRepository(); RevWalk walk = new RevWalk(r)) {
            return walk.isMergedInto(walk.parseCommit(commit), walk.parseCommit(r.resolve("refs/heads/main")));
        }
    }

    /**
     * Another git client (one clone, kept): brings its main to the remote's, writes {@code files}, commits and
     * pushes; when the push is rejected because main moved meanwhile, does it again on the new main.
     *
     * @return the pushed commit
     */
    ObjectId pushAsAnotherWriter(String message, Map<String, byte[]> files) throws Exception {
        if (writer == null) {
            writer = Git.cloneRepository().setURI(url).setDirectory(root.resolve("writer").toFile()).setBranch("main").call();
        }
        Path dir = writer.getRepository().getWorkTree().toPath();
        for (int attempt = 1; ; attempt++) {
            writer.fetch().setRemote("origin").call();
            writer.reset().setMode(ResetCommand.ResetType.HARD).setRef("origin/main").call();
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
            writer.add().addFilepattern(".").call();
            RevCommit commit = writer.commit().setMessage(message).setAuthor("other", "other@example.invalid")
                    .setCommitter("other", "other@example.invalid").call();
            boolean ok = true;
            for (PushResult result : writer.push().setRemote("origin").add("main").call()) {
                for (RemoteRefUpdate u : result.getRemoteUpdates()) {
                    ok &= u.getStatus() == RemoteRefUpdate.Status.OK;
                }
            }
            if (ok) {
                return commit.getId();
            }
            if (attempt >= 50) {
                throw new IllegalStateException("the other writer could not push in 50 tries");
            }
        }
    }
}
