package io.taskstream.bench;

import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.scanner.queue.QueuePlan;
import io.taskstream.scanner.queue.TaskQueue;
import io.taskstream.scanner.scan.IncrementalScanner;
import io.taskstream.scanner.scan.ReadResult;
import io.taskstream.scanner.scan.ScanOutcome;
import io.taskstream.scanner.scan.TaskRepoReader;
import io.taskstream.task.parse.TaskFileParser;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.util.FS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * How long the scanner takes on a large task repo, next to the floor measured in the same run.
 * <ol>
 *   <li>baseline: list the task folders and read every file's bytes; list the index (JGit's {@code ls-files});</li>
 *   <li>full scan: {@code IncrementalScanner.scan(true)} on a fresh clone (the clone timed apart);</li>
 *   <li>incremental scan after a person pushed a one-file change, and where its time goes.</li>
 * </ol>
 * Usage: {@code ScanBench [files=10000]}.
 */
public final class ScanBench {
    private static final int FULL_WARMUPS = 2;
    private static final int FULL_REPS = 5;
    private static final int INCREMENTAL_WARMUPS = 10;
    private static final int INCREMENTAL_REPS = 20;
    private static final double FULL_GOAL_MS = 2_000;
    private static final double INCREMENTAL_GOAL_MS = 50;
    private static final GitTaskRepo.Identity BENCH = new GitTaskRepo.Identity("bench", "bench@example.invalid");
    private static final String[] FOLDERS = {"tasks/active", "tasks/backlog", "tasks/completed"};

    private ScanBench() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        int n = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0].strip()) : 10_000;
        Path tmp = Files.createTempDirectory("taskstream-scanbench-");
        try {
            run(n, tmp);
        } finally {
            Host.deleteRecursively(tmp);
        }
    }

    private static void run(int n, Path tmp) throws Exception {
        MachineLoad load = new MachineLoad();
        System.out.printf(Locale.ROOT, "ScanBench: %d task files, %d cores, java %s, max heap %d MiB, load %s%n", n,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, Host.loadAverage());
        long start = System.nanoTime();
        try (SyntheticTaskRepo repo = SyntheticTaskRepo.create(tmp.resolve("repo"), n, 42L)) {
            System.out.printf(Locale.ROOT, "generated, committed and cloned bare in %s ms%n",
                    Samples.ms(System.nanoTime() - start));

            Samples clone = new Samples("clone (GitTaskRepo.sync into an empty dir)", "not part of a scan");
            Samples full = new Samples("**full scan** scan(true) on the fresh clone", "goal <= 2000 ms");
            Samples fullAgain = new Samples("full scan again, same scanner", "steady-state rescan");
            QueuePlan plan = null;
            for (int r = 0; r < FULL_WARMUPS + FULL_REPS; r++) {
                boolean warmUp = r < FULL_WARMUPS;
                Path dir = tmp.resolve("full-" + r);
                try (GitTaskRepo git = new GitTaskRepo(repo.url(), SyntheticTaskRepo.BRANCH, dir, BENCH)) {
                    clone.time(warmUp, git::sync);
                    IncrementalScanner scanner = new IncrementalScanner(git);
                    plan = full.time(warmUp, () -> scanner.scan(true)).plan();
                    fullAgain.time(warmUp, () -> scanner.scan(true));
                }
                Host.deleteRecursively(dir);
            }
            checkComplete(plan, n);

            Path dirB = tmp.resolve("clone-b");
            try (GitTaskRepo gitB = new GitTaskRepo(repo.url(), SyntheticTaskRepo.BRANCH, dirB, BENCH);
                 Git rawB = cloneAndOpen(gitB)) {
                List<Samples> baseline = baseline(dirB, rawB);
                List<Samples> parts = fullScanParts(gitB, rawB);
                Samples.print("Full scan (" + n + " files)", List.of(clone, full, fullAgain));
                Samples.print("Baseline, same run, same files (the floor)", baseline);
                Samples.print("Where a full scan's time goes (same clone, same run)", parts);
                incremental(repo, tmp, gitB, rawB, n);

                double fullMs = full.median() / 1e6;
                double floorMs = baseline.get(0).median() / 1e6;
                System.out.printf(Locale.ROOT, "%nfull scan median %.0f ms = %.1f x the read floor (%.0f ms): goal "
                                + "<= %.0f ms %s%n", fullMs, fullMs / floorMs, floorMs, FULL_GOAL_MS,
                        fullMs <= FULL_GOAL_MS ? "MET" : "MISSED");
                System.out.printf(Locale.ROOT, "first full scan in this JVM (cold JIT, a warm-up above): %s ms%n",
                        Samples.ms(full.first()));
                System.out.println(load.summary());
            }
        }
    }

    private static Git cloneAndOpen(GitTaskRepo git) throws Exception {
        git.sync();
        return Git.open(git.workTree().toFile());
    }

    /** The floor: list the three task folders and read every file's bytes; and the index listed. */
    private static List<Samples> baseline(Path workTree, Git git) throws Exception {
        Samples read = new Samples("list folders + read every file's bytes", "the floor of a full scan");
        Samples lsFiles = new Samples("ls-files: DirCache.read + walk entries", "index only, no file opened");
        Samples checks = new Samples("list + the checks TaskRepoReader makes per file", "isSymbolicLink, isRegularFile, "
                + "size x2; no read");
        long[] bytes = new long[2];
        for (int r = 0; r < FULL_WARMUPS + FULL_REPS; r++) {
            boolean warmUp = r < FULL_WARMUPS;
            read.time(warmUp, () -> {
                bytes[0] = 0;
                bytes[1] = 0;
                for (String folder : FOLDERS) {
                    try (Stream<Path> list = Files.list(workTree.resolve(folder))) {
                        for (Path f : list.filter(p -> p.getFileName().toString().endsWith(".md")).toList()) {
                            bytes[0] += Files.readAllBytes(f).length;
                            bytes[1]++;
                        }
                    }
                }
                return null;
            });
            checks.time(warmUp, () -> {
                long sizes = 0;
                for (String folder : FOLDERS) {
                    try (Stream<Path> list = Files.list(workTree.resolve(folder))) {
                        for (Path f : list.filter(p -> p.getFileName().toString().endsWith(".md")).toList()) {
                            if (!Files.isSymbolicLink(f) && Files.isRegularFile(f) && Files.size(f) > 0) {
                                sizes += Files.size(f);
                            }
                        }
                    }
                }
                return sizes;
            });
            lsFiles.time(warmUp, () -> {
                DirCache index = DirCache.read(git.getRepository().getIndexFile(), FS.DETECTED);
                int count = 0;
                for (int i = 0; i < index.getEntryCount(); i++) {
                    if (index.getEntry(i).getPathString().startsWith("tasks/")) {
                        count++;
                    }
                }
                return count;
            });
        }
        System.out.printf(Locale.ROOT, "%ntask files: %d, %d bytes in all (%.0f bytes each on average)%n", bytes[1],
                bytes[0], (double) bytes[0] / bytes[1]);
        return List.of(read, checks, lsFiles);
    }

    /** Each part of {@code scan(true)} on its own: the sync steps, read + parse, parse alone, planning. */
    private static List<Samples> fullScanParts(GitTaskRepo gitB, Git rawB) throws Exception {
        Samples sync = new Samples("GitTaskRepo.sync(), nothing new", "fetch + reset --hard + clean");
        Samples fetch = new Samples("  fetch (nothing new)", "JGit, file://");
        Samples reset = new Samples("  reset --hard origin/main", "checks every index entry against the tree");
        Samples clean = new Samples("  clean -fd", "walks the whole work tree");
        Samples readAll = new Samples("TaskRepoReader.readAll", "list + read + parse");
        Samples parse = new Samples("  parse alone (bytes already in memory)", "TaskFileParser, commonmark + SnakeYAML");
        Samples plan = new Samples("TaskQueue.plan(scanOf(files))", "queue planning");
        TaskRepoReader reader = new TaskRepoReader();
        TaskFileParser parser = new TaskFileParser();
        Path tree = gitB.workTree();
        List<String> paths = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (String folder : FOLDERS) {
            try (Stream<Path> list = Files.list(tree.resolve(folder))) {
                for (Path f : list.toList()) {
                    paths.add(tree.relativize(f).toString());
                    contents.add(Files.readAllBytes(f));
                }
            }
        }
        for (int r = 0; r < FULL_WARMUPS + FULL_REPS; r++) {
            boolean warmUp = r < FULL_WARMUPS;
            sync.time(warmUp, gitB::sync);
            fetch.time(warmUp, () -> rawB.fetch().setRemote("origin").call());
            reset.time(warmUp, () -> rawB.reset().setMode(ResetCommand.ResetType.HARD)
                    .setRef("origin/" + SyntheticTaskRepo.BRANCH).call());
            clean.time(warmUp, () -> rawB.clean().setCleanDirectories(true).setForce(true).call());
            SortedMap<String, ReadResult> files = readAll.time(warmUp, () -> reader.readAll(tree));
            parse.time(warmUp, () -> {
                for (int i = 0; i < paths.size(); i++) {
                    parser.parse(paths.get(i), contents.get(i));
                }
                return null;
            });
            plan.time(warmUp, () -> new TaskQueue().plan(TaskRepoReader.scanOf("head", files)));
        }
        List<Samples> rows = new ArrayList<>(List.of(sync, fetch, reset, clean, readAll, parse));
        rows.addAll(new ParseParts(contents).measure(FULL_WARMUPS, FULL_REPS));
        rows.add(plan);
        return rows;
    }

    /**
     * A person pushes a one-file change; scanner A on its own clone times {@code scan(false)} end to end, while
     * clone B repeats the same work step by step so the parts can be told apart.
     */
    private static void incremental(SyntheticTaskRepo repo, Path tmp, GitTaskRepo gitB, Git rawB, int n)
            throws Exception {
        Samples push = new Samples("person's commit + push (JGit, not timed in the scan)", "work repo of " + n + " files");
        Samples total = new Samples("**incremental scan** scan(false) after the push", "goal <= 50 ms");
        Samples unchanged = new Samples("scan(false), nothing pushed", "sync + plan only");
        Samples fetch = new Samples("  fetch of the new commit", "clone B");
        Samples reset = new Samples("  reset --hard origin/main", "clone B; full scans only since incremental reads objects");
        Samples clean = new Samples("  clean -fd", "clone B; full scans only");
        Samples diff = new Samples("  GitTaskRepo.changes(prev, head)", "diff + log of the range");
        Samples update = new Samples("  TaskRepoReader.update(1 path)", "copies the map, parses 1 file");
        Samples plan = new Samples("  TaskQueue.plan(scanOf(files))", "all " + n + " tasks every time");
        Samples cliFetch = new Samples("  git CLI: fetch", "clone C, process start included");
        Samples cliReset = new Samples("  git CLI: reset --hard origin/main", "clone C, process start included");
        Samples cliClean = new Samples("  git CLI: clean -fd", "clone C, process start included");
        Path dirA = tmp.resolve("clone-a");
        Path dirC = tmp.resolve("clone-c");
        long cloneStart = System.nanoTime();
        boolean cli = Host.git(tmp, "clone", "-q", "--branch", SyntheticTaskRepo.BRANCH, repo.url(), dirC.toString());
        if (cli) {
            System.out.printf(Locale.ROOT, "%nreference: git CLI clone of the same remote (checkout included) %s ms%n",
                    Samples.ms(System.nanoTime() - cloneStart));
        }
        TaskRepoReader readerB = new TaskRepoReader();
        SortedMap<String, ReadResult> filesB = readerB.readAll(gitB.workTree());
        String headB = gitB.head();
        try (GitTaskRepo gitA = new GitTaskRepo(repo.url(), SyntheticTaskRepo.BRANCH, dirA, BENCH)) {
            IncrementalScanner scanner = new IncrementalScanner(gitA);
            scanner.scan(true);
            for (int r = 0; r < INCREMENTAL_WARMUPS + INCREMENTAL_REPS; r++) {
                boolean warmUp = r < INCREMENTAL_WARMUPS;
                int which = r * 7919 + 13;
                String path = push.time(warmUp, () -> repo.editOneAndPush(which));
                ScanOutcome outcome = total.time(warmUp, () -> scanner.scan(false));
                String id = path.substring(path.lastIndexOf('/') + 1, path.length() - 3);
                if (!outcome.incremental() || !outcome.announces(id)) {
                    throw new IllegalStateException("incremental scan did not announce " + id + ": " + outcome.announce());
                }
                unchanged.time(warmUp, () -> scanner.scan(false));

                fetch.time(warmUp, () -> rawB.fetch().setRemote("origin").call());
                reset.time(warmUp, () -> rawB.reset().setMode(ResetCommand.ResetType.HARD)
                        .setRef("origin/" + SyntheticTaskRepo.BRANCH).call());
                clean.time(warmUp, () -> rawB.clean().setCleanDirectories(true).setForce(true).call());
                String from = headB;
                String to = rawB.getRepository().resolve("HEAD").name();
                List<GitTaskRepo.Change> changes = diff.time(warmUp, () -> gitB.changes(from, to, "tasks"));
                if (changes.size() != 1 || !path.equals(changes.get(0).newPath())) {
                    throw new IllegalStateException("expected one change of " + path + ", got " + changes);
                }
                SortedMap<String, ReadResult> before = filesB;
                filesB = update.time(warmUp, () -> readerB.update(gitB.workTree(), before, List.of(path)));
                SortedMap<String, ReadResult> after = filesB;
                plan.time(warmUp, () -> new TaskQueue().plan(TaskRepoReader.scanOf(to, after)));
                headB = to;
                if (cli) {
                    cliFetch.time(warmUp, () -> Host.git(dirC, "fetch", "-q", "origin"));
                    cliReset.time(warmUp, () -> Host.git(dirC, "reset", "-q", "--hard", "origin/" + SyntheticTaskRepo.BRANCH));
                    cliClean.time(warmUp, () -> Host.git(dirC, "clean", "-fdq"));
                }
            }
        }
        Samples.print("Incremental scan after a one-file push (" + n + " files)", List.of(total, unchanged, push));
        Samples.print("Where an incremental scan's time goes (clone B, same pushes)",
                List.of(fetch, reset, clean, diff, update, plan, cliFetch, cliReset, cliClean));
        double ms = total.median() / 1e6;
        double partsMs = (fetch.median() + diff.median() + update.median() + plan.median()) / 1e6;
        System.out.printf(Locale.ROOT, "%nincremental scan median %.1f ms (after %d warm-ups), of which fetch + diff + "
                        + "read + plan (medians) %.1f ms and the rest %.1f ms: goal <= %.0f ms %s%n", ms,
                INCREMENTAL_WARMUPS, partsMs, ms - partsMs, INCREMENTAL_GOAL_MS,
                ms <= INCREMENTAL_GOAL_MS ? "MET" : "MISSED");
    }

    private static void checkComplete(QueuePlan plan, int n) {
        int seen = plan.ready().size() + plan.waiting().size() + plan.blocked().size() + plan.completed().size();
        System.out.printf(Locale.ROOT, "queue: %d ready, %d waiting, %d blocked, %d completed, %d invalid%n",
                plan.ready().size(), plan.waiting().size(), plan.blocked().size(), plan.completed().size(),
                plan.invalid().size());
        if (seen != n || !plan.invalid().isEmpty()) {
            throw new IllegalStateException("the scan did not see every task as valid: " + plan.invalid().stream()
                    .limit(3).toList());
        }
    }
}
