package io.taskstream.bench;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * A large task repo shaped after the seeds: {@code n} task files over {@code tasks/active}, {@code tasks/backlog}
 * and {@code tasks/completed}, committed in a work repo and cloned bare as the remote ({@code file://}).
 * Deterministic for a given seed. Every file is valid and the dependency graph is acyclic (a task depends only on
 * earlier ones), so a scan reads, parses and plans all of them.
 */
public final class SyntheticTaskRepo implements AutoCloseable {
    public static final String BRANCH = "main";

    private static final String[][] LABELS = {
            {"builds", "registry"}, {"deployment", "flux"}, {"infrastructure", "networking"},
            {"security", "registry"}, {"verification", "health"}, {"infrastructure", "security"}};
    private static final String[] SERVICES = {"ffl", "midwestmtg", "registry", "gateway", "billing", "search",
            "auth", "reports", "ingest", "notifier"};
    private static final String[] VERBS = {"Rebuild", "Move", "Rotate", "Pin", "Check", "Point", "Upgrade",
            "Split", "Document", "Harden"};
    private static final String[] OBJECTS = {"images", "TLS certificate", "HelmRelease", "ingress rules",
            "registry address", "health checks", "network policy", "secrets", "build cache", "backups"};
    private static final LocalDate EPOCH = LocalDate.of(2024, 1, 2);

    private final Git work;
    private final Path bare;
    private final List<String> paths;
    private int edits;

    private SyntheticTaskRepo(Git work, Path bare, List<String> paths) {
        this.work = work;
        this.bare = bare;
        this.paths = paths;
    }

    /** Writes {@code n} task files under {@code dir/work}, commits them and clones {@code dir/remote.git} bare. */
    public static SyntheticTaskRepo create(Path dir, int n, long seed)
            throws IOException, GitAPIException, URISyntaxException {
        Random random = new Random(seed);
        Git work = Git.init().setDirectory(dir.resolve("work").toFile()).setInitialBranch(BRANCH).call();
        Path tree = work.getRepository().getWorkTree().toPath();
        List<String> paths = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            String folder = folderOf(random);
            String path = "tasks/" + folder + "/" + id(i) + ".md";
            Path file = tree.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, body(i, folder, random), StandardCharsets.UTF_8);
            paths.add(path);
        }
        work.add().addFilepattern("tasks").call();
        commit(work, "Import " + n + " tasks");
        Path bare = dir.resolve("remote.git");
        Git.cloneRepository().setURI(tree.toUri().toString()).setDirectory(bare.toFile()).setBare(true)
                .call().close();
        work.remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
        return new SyntheticTaskRepo(work, bare, List.copyOf(paths));
    }

    /** The remote's URL, as the scanner is configured with it. */
    public String url() {
        return bare.toUri().toString();
    }

    public List<String> paths() {
        return paths;
    }

    /**
     * A person's edit of one task file: a line appended to its progress log, committed and pushed.
     *
     * @return the edited path
     */
    public String editOneAndPush(int index) throws IOException, GitAPIException {
        String path = paths.get(Math.floorMod(index, paths.size()));
        Path file = work.getRepository().getWorkTree().toPath().resolve(path);
        edits++;
        Files.writeString(file, Files.readString(file) + "- 2025-11-01 09:" + String.format("%02d", edits % 60)
                + ": Note " + edits + " added by hand\n");
        work.add().addFilepattern(path).call();
        commit(work, "Note on " + path);
        work.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/" + BRANCH + ":refs/heads/" + BRANCH))
                .call();
        return path;
    }

    static String id(int i) {
        return String.format("TASK-%05d", i);
    }

    private static void commit(Git git, String message) throws GitAPIException {
        git.commit().setMessage(message).setSign(false)
                .setAuthor("Task Author", "author@example.invalid")
                .setCommitter("Task Author", "author@example.invalid").call();
    }

    private static String folderOf(Random random) {
        int r = random.nextInt(100);
        return r < 20 ? "active" : r < 65 ? "backlog" : "completed";
    }

    private static String priorityOf(Random random) {
        int r = random.nextInt(100);
        return r < 5 ? "critical" : r < 25 ? "high" : r < 70 ? "medium" : "low";
    }

    /** One task file in the seeds' shape: front matter, title, context, criteria with steps, progress log. */
    static String body(int i, String folder, Random random) {
        String id = id(i);
        String service = SERVICES[random.nextInt(SERVICES.length)];
        String title = VERBS[random.nextInt(VERBS.length)] + " the " + service + " "
                + OBJECTS[random.nextInt(OBJECTS.length)];
        boolean done = folder.equals("completed");
        String status = done ? "completed" : folder.equals("active") && random.nextInt(100) == 0 ? "blocked" : folder;
        String[] labels = LABELS[random.nextInt(LABELS.length)];
        LocalDate created = EPOCH.plusDays(i * 600L / 10_000 + random.nextInt(3));
        LocalDate updated = created.plusDays(random.nextInt(20));

        StringBuilder b = new StringBuilder(2048);
        b.append("---\n")
                .append("id: ").append(id).append('\n')
                .append("title: ").append(title).append('\n')
                .append("priority: ").append(priorityOf(random)).append('\n')
                .append("status: ").append(status).append('\n')
                .append("labels: [").append(labels[0]).append(", ").append(labels[1]).append("]\n")
                .append("depends_on: [").append(String.join(", ", dependencies(i, random))).append("]\n")
                .append("created: ").append(created).append('\n')
                .append("updated: ").append(updated).append('\n')
                .append("---\n\n")
                .append("# ").append(id).append(": ").append(title).append("\n\n")
                .append("The ").append(service).append(" service still uses the old ")
                .append(OBJECTS[random.nextInt(OBJECTS.length)]).append(". Nothing else changes in this task;\n")
                .append("the rollout waits until the checks below pass on 127.0.0.1. See the runbook\n")
                .append("for the order of steps, and ask in #ops before touching production.\n\n")
                .append("## Acceptance Criteria\n");
        int criteria = 3 + random.nextInt(6);
        for (int c = 1; c <= criteria; c++) {
            b.append("- [").append(done ? 'x' : ' ').append("] ")
                    .append(VERBS[random.nextInt(VERBS.length)]).append(' ').append(service).append(' ')
                    .append(OBJECTS[random.nextInt(OBJECTS.length)]).append(" step ").append(c).append('\n');
            if (c > 1 && random.nextInt(3) == 0) {
                b.append("  - needs: ").append(1 + random.nextInt(c - 1)).append('\n');
            }
            b.append("  - run: `./scripts/").append(service).append("-step.sh ").append(c).append(" --version 0.1.")
                    .append(random.nextInt(40)).append("`\n")
                    .append("  - in: ").append(service).append('\n');
            if (random.nextBoolean()) {
                b.append("  - env: REGISTRY_URL=127.0.0.1:5000 VERSION=0.1.").append(random.nextInt(40)).append('\n');
            }
            b.append("  - verify: `grep -q 'step-").append(c).append("' state/").append(service).append(".log`\n");
        }
        b.append("\n## Progress Log\n");
        int lines = 1 + random.nextInt(4);
        for (int l = 0; l < lines; l++) {
            b.append("- ").append(created.plusDays(l)).append(' ').append(String.format("%02d:%02d", 9 + l,
                    random.nextInt(60))).append(": ").append(l == 0 ? "Task created" : "Checked "
                    + OBJECTS[random.nextInt(OBJECTS.length)] + " on " + service).append('\n');
        }
        return b.toString();
    }

    /** Zero to two tasks among the 500 before this one: earlier only, so the graph is acyclic. */
    private static List<String> dependencies(int i, Random random) {
        TreeSet<String> deps = new TreeSet<>();
        int count = i == 1 ? 0 : random.nextInt(3);
        for (int d = 0; d < count; d++) {
            deps.add(id(Math.max(1, i - 1 - random.nextInt(Math.min(i - 1, 500)))));
        }
        return List.copyOf(deps);
    }

    @Override
    public void close() {
        work.close();
    }
}
