package io.taskstream.bench;

import io.taskstream.events.envelope.Topics;
import io.taskstream.executor.ExecutorVerticle;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The whole pipeline as a user runs it: {@code taskstream run} and {@code taskstream scan} in child processes, on
 * generated task repos ({@code file://} bare remotes on a temporary directory), observed through the event log with a
 * plain consumer. One run prints one summary table, each figure beside its goal, and can write it as Markdown.
 *
 * <ol>
 *   <li>End to end: T tasks x C criteria ({@code run: true}, {@code verify: true}), one all-in-one process
 *   ({@code run --scan --executors N}, embedded broker), N = 1 and 3, R repetitions each; criteria/s = criteria /
 *   (last criterion.verified - first task.ready), by the events' time stamps.</li>
 *   <li>Hops: one-criterion tasks pushed one at a time (JGit) and scanned ({@code taskstream scan}), each awaited
 *   before the next: task.ready -> criterion.started, criterion.completed -> criterion.verified, task.ready ->
 *   criterion.verified; beside them the raw hop, a plain producer -> consumer round trip on the same broker.</li>
 *   <li>Scale-out: I/O-bound criteria ({@code sleep 0.2}), scanner + verifier + reporter in one process (embedded
 *   broker), K = 1 and 4 executor processes ({@code --services executor}), 12 partitions; ratio of criteria/s.
 *   Also 64 tasks of {@code sleep 1} on one instance with {@code --concurrency 64}.</li>
 *   <li>Peak RSS (VmHWM) of the all-in-one process after a large run.</li>
 *   <li>Commits per criterion on the remote.</li>
 * </ol>
 * Usage: {@code PipelineBench [--quick] [--tasks 200] [--criteria 5] [--reps 3] ... [--markdown FILE]}; {@code --help}
 * lists every option.
 */
public final class PipelineBench {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    private final Options o;
    private final Path root;
    private final Path home;
    private final Map<String, String> env;
    private final String topic;
    private boolean concurrencyFlag;
    private int dirs;

    // what was measured
    private final List<RunRow> rows = new ArrayList<>();
    private final Map<Integer, List<Double>> e2eRate = new LinkedHashMap<>();
    private final Map<Integer, List<Double>> e2eWall = new LinkedHashMap<>();
    private final Map<Integer, Samples[]> underLoad = new LinkedHashMap<>();
    private final List<Double> commitsPerCriterion = new ArrayList<>();
    private Samples hopReadyStarted;
    private Samples hopCompletedVerified;
    private Samples hopReadyVerified;
    private Samples hopScanReady;
    private Samples raw;
    private final List<String> hopLost = new ArrayList<>();
    private final Map<Integer, double[]> scale = new LinkedHashMap<>();
    private final Map<Integer, String> scaleSplit = new LinkedHashMap<>();
    private Double sleepSeconds;
    private Long rssKib;
    private String rssCommand;
    private final List<String> notes = new ArrayList<>();

    private PipelineBench(Options o, Path root) {
        this.o = o;
        this.root = root;
        this.home = o.cli.getParent();
        String tool = System.getenv("JAVA_TOOL_OPTIONS");
        // The children's temporary files (the embedded broker's log directory) go below the bench's own directory,
        // so that they are deleted with it even when a child has to be killed.
        this.env = Map.of("JAVA_TOOL_OPTIONS", (tool == null || tool.isBlank() ? "" : tool + " ")
                + "-Djava.io.tmpdir=" + root.resolve("tmp"));
        this.topic = Topics.withPrefix("taskstream").events();
    }

    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (o.help) {
            System.out.println(Options.USAGE);
            return;
        }
        Path root;
        try {
            root = Files.createTempDirectory("taskstream-pipelinebench-");
            Files.createDirectories(root.resolve("tmp"));
        } catch (IOException e) {
            e.printStackTrace();
            System.exit(1);
            return;
        }
        Thread cleanup = new Thread(() -> {
            Child.killAll();
            if (!o.keep) {
                deleteQuietly(root);
            }
        }, "pipeline-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        PipelineBench bench = new PipelineBench(o, root);
        int status = 0;
        try {
            bench.run();
        } catch (Throwable e) {
            System.out.println();
            System.out.println("FAILED: " + e.getMessage());
            e.printStackTrace();
            if (!o.keep) {
                System.out.println("(the children's logs are deleted with the temporary directory; --keep keeps them)");
            }
            try {
                System.out.println();
                System.out.println("What was measured before the failure:");
                bench.report(true);
            } catch (Throwable ignored) {
                // the failure above is what matters
            }
            status = 1;
        } finally {
            Child.killAll();
            if (o.keep) {
                System.out.println("kept " + root);
            } else {
                deleteQuietly(root);
            }
        }
        System.exit(status);
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "PipelineBench %s, commit %s%nmachine: %s%nload average at start: %s%n",
                ZonedDateTime.now().format(STAMP), commit(), Host.machine(), Host.loadAverage());
        System.out.println("parameters: " + o.describe());
        preflight();
        if (o.phases.contains("e2e")) {
            for (int executors : o.executors) {
                for (int rep = 1; rep <= o.reps; rep++) {
                    endToEnd(executors, rep);
                }
            }
        }
        if (o.phases.contains("hop")) {
            hops();
        }
        if (o.phases.contains("scale")) {
            for (int k : o.scaleInstances) {
                scaleOut(k);
            }
        }
        if (o.phases.contains("sleep")) {
            sleepCheck();
        }
        if (o.phases.contains("rss")) {
            largeRun();
        }
        System.out.println();
        report(false);
    }

    // ------------------------------------------------------------------------------------------------ preflight

    /** The CLI is there and its jar is current (the script rebuilds it otherwise); which options it has. */
    private void preflight() throws Exception {
        if (!Files.isExecutable(o.cli)) {
            throw new IllegalStateException(o.cli + " is not an executable file (give the CLI with --cli PATH)");
        }
        long start = System.nanoTime();
        Child help = Child.start("run --help", o.cli, root, root.resolve("logs/help.log"), env,
                List.of("run", "--help"));
        List<String> lines = help.awaitExit(System.nanoTime() + TimeUnit.MINUTES.toNanos(10));
        concurrencyFlag = lines.stream().anyMatch(l -> l.contains("--concurrency"));
        System.out.printf(Locale.ROOT, "CLI %s answers `run --help` in %.1f s; --concurrency %s%n", o.cli,
                (System.nanoTime() - start) / 1e9, concurrencyFlag ? "is available" : "is NOT available in this build");
        if (!concurrencyFlag) {
            notes.add("`taskstream run` has no `--concurrency` option in this build: the scale-out and sleep checks "
                    + "ran without it (each instance used its built-in parallelism).");
        }
        Path jar = home.resolve("launcher/target/taskstream.jar");
        if (Files.exists(jar)) {
            long built = Files.getLastModifiedTime(jar).toMillis();
            try (Stream<Path> walk = Files.walk(home)) {
                List<Path> newer = walk.filter(p -> p.toString().endsWith(".java"))
                        .filter(p -> !p.toString().contains("/target/"))
                        .filter(p -> {
                            try {
                                return Files.getLastModifiedTime(p).toMillis() > built;
                            } catch (IOException e) {
                                return false;
                            }
                        }).limit(3).toList();
                if (!newer.isEmpty()) {
                    throw new IllegalStateException("sources are newer than " + jar + " (" + newer + "): the "
                            + "taskstream script would rebuild on every start; run `mvn -B -q -ntp install -DskipTests` first");
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ end to end

    private void endToEnd(int executors, int rep) throws Exception {
        int tasks = o.tasks;
        int criteria = tasks * o.criteria;
        String name = String.format(Locale.ROOT, "end to end, %d executor%s, run %d", executors,
                executors == 1 ? "" : "s", rep);
        RunRow row = allInOne(name, tasks, o.criteria, executors, "true");
        e2eRate.computeIfAbsent(executors, k -> new ArrayList<>()).add(row.perSecond);
        e2eWall.computeIfAbsent(executors, k -> new ArrayList<>()).add(row.wallS);
        if (row.commits >= 0) {
            commitsPerCriterion.add(row.commits / (double) criteria);
        }
    }

    /**
     * {@code taskstream run --scan --executors N} with an embedded broker on a fresh repo; waits until every
     * criterion is verified and every task completed; reads the child's CPU and peak RSS; stops it.
     */
    private RunRow allInOne(String name, int tasks, int perTask, int executors, String command) throws Exception {
        int criteria = tasks * perTask;
        long deadline = System.nanoTime() + deadlineNanos(criteria, 0);
        Path dir = newDir(name);
        System.out.printf(Locale.ROOT, "%n%s: %d tasks x %d criteria, generating the repo...%n", name, tasks, perTask);
        try (TrivialTaskRepo repo = TrivialTaskRepo.create(dir.resolve("repo"), tasks, perTask, command, "true")) {
            int seeded = repo.commitsOnRemote();
            Window window = new Window();
            Child child = startRun(name, dir, List.of("--executors", String.valueOf(executors), "--scan"), repo, null);
            RunRow row;
            try {
                String bootstrap = child.awaitRunning(deadline);
                try (EventWatch watch = new EventWatch(bootstrap, topic, deadline)) {
                    watch.await(criteria + " criteria verified and " + tasks + " tasks completed",
                            () -> watch.verified.size() >= criteria && watch.taskCompleted.size() >= tasks, deadline,
                            List.of(child));
                    long end = System.nanoTime();
                    long javaPid = javaPid(child);
                    long hwm = ProcStat.vmHwmKib(javaPid);
                    if (name.startsWith("large run")) {
                        rssKib = hwm;
                        rssCommand = ProcStat.commandLine(javaPid);
                    }
                    double active = EventWatch.nanos(watch.firstReady(), watch.lastVerified()) / 1e9;
                    underLoad(executors, watch, name);
                    row = new RunRow(name, criteria, child.startup().toNanos() / 1e9, active, criteria / active,
                            (end - child.startNanos()) / 1e9, ProcStat.cpuTicks(List.of(child)) / ProcStat.TICKS_PER_SECOND,
                            window.otherCores(List.of(child)), hwm, -1);
                }
            } finally {
                String stopped = child.stop(o.stopBound);
                System.out.println("  stopped: " + stopped);
            }
            int commits = repo.commitsOnRemote() - seeded;
            row = row.withCommits(commits);
            rows.add(row);
            System.out.println("  " + row.oneLine());
            return row;
        }
    }

    /** Hops of a loaded run, pooled over the runs with the same number of executors (queueing included). */
    private void underLoad(int executors, EventWatch watch, String name) {
        if (!name.startsWith("end to end")) {
            return;
        }
        Samples[] s = underLoad.computeIfAbsent(executors, k -> new Samples[]{
                new Samples("task.ready -> criterion.started (criterion 1)", ""),
                new Samples("criterion.completed -> criterion.verified", "")});
        watch.ready.forEach((task, ready) -> {
            Instant started = watch.started.get(task + "#1");
            if (started != null) {
                s[0].add(EventWatch.nanos(ready, started));
            }
        });
        watch.verified.forEach((key, verified) -> {
            Instant completed = watch.completed.get(key);
            if (completed != null) {
                s[1].add(EventWatch.nanos(completed, verified));
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ hops

    /**
     * One-criterion tasks, pushed and scanned one at a time, each awaited (task.completed) before the next: nothing
     * queues. Then the raw hop on the same broker while it is up.
     */
    private void hops() throws Exception {
        int total = o.hopWarmUp + o.hopTasks;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180 + 30L * total + o.rawSamples / 10);
        Path dir = newDir("hops");
        System.out.printf(Locale.ROOT, "%nhops: %d one-criterion tasks, one at a time (%d more first as warm-up)%n",
                o.hopTasks, o.hopWarmUp);
        hopReadyStarted = new Samples("task.ready -> criterion.started", "");
        hopCompletedVerified = new Samples("criterion.completed -> criterion.verified", "");
        hopReadyVerified = new Samples("task.ready -> criterion.verified", "");
        hopScanReady = new Samples("scan.requested -> task.ready", "");
        try (TrivialTaskRepo repo = TrivialTaskRepo.create(dir.resolve("repo"), 0, 1, "true", "true")) {
            Window window = new Window();
            Child child = startRun("hops", dir, List.of("--executors", "1"), repo, null);
            try {
                String bootstrap = child.awaitRunning(deadline);
                try (EventWatch watch = new EventWatch(bootstrap, topic, deadline)) {
                    for (int t = 1; t <= total; t++) {
                        repo.addAndPush(t, 1);
                        scan(bootstrap, dir, "scan-" + t, deadline);
                        String id = SyntheticTaskRepo.id(t);
                        // a task the pipeline gives up on (withdrawn, blocked, ...) is counted as lost, not waited for
                        watch.await(id + " verified and completed", () -> watch.problems.containsKey(id)
                                || watch.taskCompleted.containsKey(id) && watch.verified.containsKey(id + "#1"),
                                deadline, List.of(child), false);
                        if (t <= o.hopWarmUp) {
                            continue;
                        }
                        Instant ready = watch.ready.get(id);
                        Instant started = watch.started.get(id + "#1");
                        Instant completed = watch.completed.get(id + "#1");
                        Instant verified = watch.verified.get(id + "#1");
                        if (ready != null && started != null) {
                            hopReadyStarted.add(EventWatch.nanos(ready, started));
                        }
                        if (completed != null && verified != null) {
                            hopCompletedVerified.add(EventWatch.nanos(completed, verified));
                        }
                        if (ready != null && verified != null) {
                            hopReadyVerified.add(EventWatch.nanos(ready, verified));
                        } else {
                            hopLost.add(watch.problems.getOrDefault(id, id + ": not verified"));
                        }
                        Instant requested = ready == null ? null : watch.scanRequested.get(watch.readyRun.get(id));
                        if (requested != null) {
                            hopScanReady.add(EventWatch.nanos(requested, ready));
                        }
                    }
                    if (!hopLost.isEmpty()) {
                        System.out.printf(Locale.ROOT, "  %d of %d one-criterion tasks were not verified; the first: "
                                + "%s%n", hopLost.size(), o.hopTasks, hopLost.get(0));
                        notes.add(String.format(Locale.ROOT, "Hops: %d of %d one-criterion tasks were not verified "
                                + "(the pipeline gave up on them); their hops after criterion.completed are missing. "
                                + "The first: %s", hopLost.size(), o.hopTasks, hopLost.get(0)));
                    }
                    System.out.printf(Locale.ROOT, "  one-criterion tasks: task.ready -> criterion.started p50 %s ms; "
                                    + "task.ready -> criterion.verified p50 %s ms, p99 %s ms (%d verified); other "
                                    + "processes used %.2f cores%n", p(hopReadyStarted, 50), p(hopReadyVerified, 50),
                            p(hopReadyVerified, 99), hopReadyVerified.count(), window.otherCores(List.of(child)));
                    raw = RawHop.measure(bootstrap, Math.min(50, o.rawSamples), o.rawSamples, deadline);
                    System.out.printf(Locale.ROOT, "  raw hop on the same broker: p50 %s ms, p99 %s ms (%d samples)%n",
                            p(raw, 50), p(raw, 99), raw.count());
                }
            } finally {
                System.out.println("  stopped: " + child.stop(o.stopBound));
            }
        }
    }

    private void scan(String bootstrap, Path dir, String name, long deadline) throws Exception {
        Child scan = Child.start(name, o.cli, dir, dir.resolve("logs/" + name + ".log"), env,
                List.of("scan", "--bootstrap-servers", bootstrap));
        scan.awaitExit(deadline);
    }

    // ------------------------------------------------------------------------------------------------ scale-out

    /**
     * Scanner, verifier and reporter in one process (embedded broker, 12 partitions), {@code k} executor processes
     * against it, each with its own state directory; the group must hold every partition before the scan is
     * requested, so the rebalance is not in the figure.
     */
    private void scaleOut(int k) throws Exception {
        int tasks = o.scaleTasks;
        int criteria = tasks * o.scaleCriteria;
        long deadline = System.nanoTime() + deadlineNanos(criteria, o.scaleSleep) + TimeUnit.SECONDS.toNanos(60L * k);
        String name = "scale-out, " + k + " executor process" + (k == 1 ? "" : "es");
        Path dir = newDir(name);
        System.out.printf(Locale.ROOT, "%n%s: %d tasks x %d criteria of `sleep %s`, %d partitions%s%n", name, tasks,
                o.scaleCriteria, o.scaleSleepText, o.scalePartitions,
                concurrencyFlag ? ", --concurrency " + o.concurrency : "");
        List<String> common = new ArrayList<>(List.of("--partitions", String.valueOf(o.scalePartitions)));
        if (concurrencyFlag) {
            common.addAll(List.of("--concurrency", String.valueOf(o.concurrency)));
        }
        try (TrivialTaskRepo repo = TrivialTaskRepo.create(dir.resolve("repo"), tasks, o.scaleCriteria,
                "sleep " + o.scaleSleepText, "true")) {
            Window window = new Window();
            List<Child> children = new ArrayList<>();
            try {
                List<String> args = new ArrayList<>(common);
                // upper case: the CLI's enum converter is case-sensitive although its help lists the names in lower case
                args.addAll(List.of("--services", "SCANNER,VERIFIER,REPORTER"));
                Child main = startRun(name + ": scanner,verifier,reporter", dir, args, repo, "0");
                children.add(main);
                String bootstrap = main.awaitRunning(deadline);
                for (int i = 1; i <= k; i++) {
                    List<String> ex = new ArrayList<>(common);
                    ex.addAll(List.of("--bootstrap-servers", bootstrap, "--services", "EXECUTOR"));
                    children.add(startRun(name + ": executor " + i, dir, ex, repo, String.valueOf(i)));
                }
                for (Child c : children) {
                    c.awaitRunning(deadline);
                }
                String split = awaitGroup(bootstrap, k, deadline, children);
                scaleSplit.put(k, split);
                try (EventWatch watch = new EventWatch(bootstrap, topic, deadline)) {
                    long start = System.nanoTime();
                    scan(bootstrap, dir, "scan", deadline);
                    watch.await(criteria + " criteria verified and " + tasks + " tasks completed",
                            () -> watch.verified.size() >= criteria && watch.taskCompleted.size() >= tasks, deadline,
                            children);
                    long end = System.nanoTime();
                    double verified = EventWatch.nanos(watch.firstReady(), watch.lastVerified()) / 1e9;
                    double completed = EventWatch.nanos(watch.firstReady(), watch.lastCompleted()) / 1e9;
                    scale.put(k, new double[]{criteria / verified, criteria / completed});
                    RunRow row = new RunRow(name, criteria, 0, verified, criteria / verified, (end - start) / 1e9,
                            ProcStat.cpuTicks(children) / ProcStat.TICKS_PER_SECOND, window.otherCores(children),
                            ProcStat.vmHwmKib(javaPid(main)), -1);
                    rows.add(row);
                    System.out.printf(Locale.ROOT, "  %s%n  executor side (first task.ready -> last "
                            + "criterion.completed): %.1f criteria/s; partitions per executor process: %s%n",
                            row.oneLine(), criteria / completed, split);
                }
            } finally {
                for (int i = children.size() - 1; i >= 0; i--) {
                    System.out.println("  stopped " + children.get(i).name() + ": " + children.get(i).stop(o.stopBound));
                }
            }
        }
    }

    /** Polls the executor group until {@code members} members hold every partition of the events topic. */
    private String awaitGroup(String bootstrap, int members, long deadline, List<Child> children) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            while (true) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(ExecutorVerticle.GROUP))
                        .all().get(30, TimeUnit.SECONDS).get(ExecutorVerticle.GROUP);
                List<Long> held = new ArrayList<>();
                for (MemberDescription m : group.members()) {
                    long n = m.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(topic)).count();
                    if (n > 0) {
                        held.add(n);
                    }
                }
                if (held.size() == members && held.stream().mapToLong(Long::longValue).sum() == o.scalePartitions) {
                    Collections.sort(held);
                    return held.stream().map(String::valueOf).collect(Collectors.joining(", "));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the executor group did not settle on " + members
                            + " members holding " + o.scalePartitions + " partitions: " + group);
                }
                children.forEach(Child::checkAlive);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ sleep check

    /** N tasks of one {@code sleep 1} criterion on one executor instance: first task.ready -> last completed. */
    private void sleepCheck() throws Exception {
        int tasks = o.sleepTasks;
        long deadline = System.nanoTime() + deadlineNanos(tasks, o.sleepSecondsEach);
        String name = tasks + " x sleep " + o.sleepTextEach + ", one executor instance";
        Path dir = newDir("sleep");
        System.out.printf(Locale.ROOT, "%n%s%s%n", name, concurrencyFlag ? ", --concurrency " + o.sleepConcurrency
                : " (no --concurrency option in this build)");
        List<String> args = new ArrayList<>(List.of("--executors", "1", "--scan"));
        if (concurrencyFlag) {
            args.addAll(List.of("--concurrency", String.valueOf(o.sleepConcurrency)));
        }
        try (TrivialTaskRepo repo = TrivialTaskRepo.create(dir.resolve("repo"), tasks, 1, "sleep " + o.sleepTextEach,
                "true")) {
            Child child = startRun(name, dir, args, repo, null);
            try {
                String bootstrap = child.awaitRunning(deadline);
                try (EventWatch watch = new EventWatch(bootstrap, topic, deadline)) {
                    watch.await(tasks + " criteria completed", () -> watch.completed.size() >= tasks, deadline,
                            List.of(child));
                    sleepSeconds = EventWatch.nanos(watch.firstReady(), watch.lastCompleted()) / 1e9;
                    System.out.printf(Locale.ROOT, "  first task.ready -> last criterion.completed: %.2f s%n",
                            sleepSeconds);
                }
            } finally {
                System.out.println("  stopped: " + child.stop(o.stopBound));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ large run

    private void largeRun() throws Exception {
        RunRow row = allInOne("large run, 1 executor", o.rssTasks, o.rssCriteria, 1, "true");
        if (row.commits >= 0) {
            commitsPerCriterion.add(row.commits / (double) row.criteria);
        }
    }

    // ------------------------------------------------------------------------------------------------ children

    /**
     * {@code taskstream run} with the repo, a workspace, a state directory ({@code state-<suffix>}), reports, and
     * {@code extra} options, started in {@code dir}.
     */
    private Child startRun(String name, Path dir, List<String> extra, TrivialTaskRepo repo, String stateSuffix)
            throws IOException {
        Path workspace = dir.resolve("workspace");
        Files.createDirectories(workspace);
        List<String> args = new ArrayList<>(List.of("run", "--task-repo", repo.url(), "--workspace",
                workspace.toString(), "--state-dir", dir.resolve(stateSuffix == null ? "state" : "state-" + stateSuffix)
                        .toString(), "--reports", dir.resolve("reports").toString()));
        args.addAll(extra);
        String file = name.replaceAll("[^A-Za-z0-9]+", "-");
        return Child.start(name, o.cli, dir, dir.resolve("logs/" + file + ".log"), env, args);
    }

    /** The JVM's pid: the child itself when the script exec'd java, else its descendant that runs the jar. */
    private static long javaPid(Child child) {
        if (ProcStat.commandLine(child.pid()).contains("java")) {
            return child.pid();
        }
        return ProcessHandle.of(child.pid()).stream().flatMap(ProcessHandle::descendants)
                .filter(h -> ProcStat.commandLine(h.pid()).contains("taskstream.jar")).map(ProcessHandle::pid)
                .findFirst().orElse(child.pid());
    }

    private Path newDir(String name) throws IOException {
        Path dir = root.resolve(String.format(Locale.ROOT, "%02d-%s", ++dirs, name.replaceAll("[^A-Za-z0-9]+", "-")));
        Files.createDirectories(dir);
        return dir;
    }

    /** Per measurement: {@code --deadline} seconds when given, else 3 minutes + 0.5 s per criterion + its sleeps. */
    private long deadlineNanos(int criteria, double sleepEach) {
        if (o.deadlineSeconds > 0) {
            return TimeUnit.SECONDS.toNanos(o.deadlineSeconds);
        }
        return (long) ((180 + criteria * (0.5 + sleepEach)) * 1e9);
    }

    /** CPU used by other processes while children ran: machine busy - this JVM (and its waited children) - them. */
    private static final class Window {
        private final long start = System.nanoTime();
        private final long busy = ProcStat.machineBusyTicks();
        private final long self = ProcStat.selfTicks();

        double otherCores(List<Child> children) {
            double seconds = (System.nanoTime() - start) / 1e9;
            long others = ProcStat.machineBusyTicks() - busy - (ProcStat.selfTicks() - self)
                    - ProcStat.cpuTicks(children);
            return Math.max(0, others / ProcStat.TICKS_PER_SECOND / seconds);
        }
    }

    // ------------------------------------------------------------------------------------------------ report

    private record RunRow(String name, int criteria, double startupS, double activeS, double perSecond, double wallS,
                          double childCpuS, double otherCores, long hwmKib, int commits) {
        RunRow withCommits(int n) {
            return new RunRow(name, criteria, startupS, activeS, perSecond, wallS, childCpuS, otherCores, hwmKib, n);
        }

        String oneLine() {
            return String.format(Locale.ROOT, "%d criteria, first task.ready -> last criterion.verified %.2f s = "
                            + "%.1f criteria/s; wall %.1f s%s; child CPU %.1f s; other processes %.2f cores; peak RSS "
                            + "%s%s", criteria, activeS, perSecond, wallS,
                    startupS > 0 ? String.format(Locale.ROOT, " (startup %.1f s)", startupS) : "", childCpuS,
                    otherCores, mib(hwmKib), commits >= 0 ? "; " + commits + " commits" : "");
        }

        String markdown() {
            return String.format(Locale.ROOT, "| %s | %d | %s | %.2f | %.1f | %.1f | %.1f | %.2f | %s | %s |", name,
                    criteria, startupS > 0 ? String.format(Locale.ROOT, "%.1f", startupS) : "", activeS, perSecond,
                    wallS, childCpuS, otherCores, mib(hwmKib),
                    commits >= 0 ? String.format(Locale.ROOT, "%.2f", commits / (double) criteria) : "");
        }
    }

    /** Prints the summary (and writes it as Markdown when asked). */
    private void report(boolean partial) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("PipelineBench, ").append(ZonedDateTime.now().format(STAMP)).append(", commit `").append(commit())
                .append("`").append(partial ? " (INCOMPLETE: the run failed)" : "").append("  \n");
        md.append("Machine: ").append(Host.machine()).append("; load average at the end ").append(Host.loadAverage())
                .append("  \n");
        md.append("Parameters: `").append(o.describe()).append("`\n\n");
        md.append("| measurement | measured | goal | met? |\n|---|---|---|---|\n");
        for (String[] r : summaryRows()) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        if (!rows.isEmpty()) {
            md.append("\nRuns (times from the events' own time stamps; wall from the process start, or from the scan "
                    + "request for scale-out):\n\n");
            md.append("| run | criteria | startup s | first ready -> last verified s | criteria/s | wall s | child CPU s "
                    + "| other processes, cores | peak RSS | commits/criterion |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            rows.forEach(r -> md.append(r.markdown()).append('\n'));
        }
        List<String> notes = new ArrayList<>(this.notes);
        if (!scale.isEmpty()) {
            notes.add("Scale-out rows: peak RSS is that of the scanner + verifier + reporter process (with the broker); "
                    + "child CPU is all processes of the measurement together; wall is from the scan request.");
        }
        if (rssCommand != null) {
            notes.add("Peak RSS read from /proc/<pid>/status (VmHWM) of `" + (rssCommand.length() > 100
                    ? rssCommand.substring(0, 100) + "..." : rssCommand) + "`, before it was stopped.");
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(n -> md.append("* ").append(n).append('\n'));
        }
        System.out.print(md);
        if (o.markdown != null) {
            Path out = o.markdown.toAbsolutePath();
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
            System.out.println();
            System.out.println("Markdown written to " + out);
        }
    }

    private List<String[]> summaryRows() {
        List<String[]> r = new ArrayList<>();
        for (Map.Entry<Integer, List<Double>> e : e2eRate.entrySet()) {
            int n = e.getKey();
            List<Double> rates = e.getValue();
            double median = median(rates);
            r.add(new String[]{String.format(Locale.ROOT, "end to end, %d executor%s (%d tasks x %d criteria = %d, "
                            + "`run: true`, `verify: true`; %d run%s)", n, n == 1 ? "" : "s", o.tasks, o.criteria,
                    o.tasks * o.criteria, rates.size(), rates.size() == 1 ? "" : "s"),
                    String.format(Locale.ROOT, "**%.1f criteria/s** (min %.1f, max %.1f); wall %.1f s", median,
                            Collections.min(rates), Collections.max(rates), median(e2eWall.get(n))),
                    "≥ 200 criteria/s", verdict(median >= 200)});
        }
        if (hopReadyStarted != null) {
            String rawP50 = raw == null ? null : p(raw, 50);
            r.add(hopRow("task.ready → criterion.started", hopReadyStarted));
            r.add(hopRow("criterion.completed → criterion.verified", hopCompletedVerified));
            r.add(new String[]{"raw hop: plain producer (acks=all, linger 0) → consumer, same broker, topic `"
                    + RawHop.TOPIC + "`, 1 partition" + (raw == null ? "" : ", " + raw.count() + " samples"),
                    raw == null ? "not measured" : "p50 " + rawP50 + " ms, p99 " + p(raw, 99) + " ms",
                    "(baseline)", ""});
            r.add(new String[]{"one-criterion task, task.ready → criterion.verified (" + o.hopTasks
                    + " tasks pushed and scanned one at a time" + (hopLost.isEmpty() ? "" : ", " + hopLost.size()
                    + " of them never verified") + ")", hopReadyVerified.count() == 0 ? "not measured: no task was verified"
                    : "**p50 " + p(hopReadyVerified, 50) + " ms**, p99 " + p(hopReadyVerified, 99) + " ms",
                    "p50 ≤ 50 ms", hopReadyVerified.count() == 0 ? "**not met**"
                    : verdict(hopReadyVerified.percentile(50) <= 50_000_000L)});
            if (hopScanReady.count() > 0) {
                r.add(new String[]{"scan.requested → task.ready (same tasks; `taskstream scan` after each push)",
                        "p50 " + p(hopScanReady, 50) + " ms, p99 " + p(hopScanReady, 99) + " ms", "", ""});
            }
        }
        for (Map.Entry<Integer, Samples[]> e : underLoad.entrySet()) {
            for (Samples s : e.getValue()) {
                if (s.count() > 0) {
                    r.add(new String[]{"under load, " + e.getKey() + " executor" + (e.getKey() == 1 ? "" : "s") + " (all "
                            + "end-to-end runs): " + s.name().replace("->", "→"), "p50 " + p(s, 50) + " ms, p99 "
                            + p(s, 99) + " ms", "(queueing included)", ""});
                }
            }
        }
        for (Map.Entry<Integer, double[]> e : scale.entrySet()) {
            r.add(new String[]{String.format(Locale.ROOT, "scale-out: %d executor process%s, %d tasks x %d criteria of "
                            + "`sleep %s`, %d partitions%s (partitions per process: %s)", e.getKey(),
                    e.getKey() == 1 ? "" : "es", o.scaleTasks, o.scaleCriteria, o.scaleSleepText, o.scalePartitions,
                    concurrencyFlag ? ", `--concurrency " + o.concurrency + "`" : ", no `--concurrency` option",
                    scaleSplit.get(e.getKey())),
                    String.format(Locale.ROOT, "%.1f criteria/s (executor side, to the last criterion.completed: %.1f)",
                            e.getValue()[0], e.getValue()[1]), "", ""});
        }
        if (scale.size() >= 2) {
            List<Integer> ks = new ArrayList<>(scale.keySet());
            int lo = ks.get(0);
            int hi = ks.get(ks.size() - 1);
            double ratio = scale.get(hi)[0] / scale.get(lo)[0];
            double exRatio = scale.get(hi)[1] / scale.get(lo)[1];
            r.add(new String[]{"scale-out ratio: criteria/s with " + hi + " / with " + lo,
                    String.format(Locale.ROOT, "**%.2f×** (executor side %.2f×)", ratio, exRatio), "≥ 3.6×",
                    hi == 4 && lo == 1 ? verdict(ratio >= 3.6) : "n/a"});
        }
        if (sleepSeconds != null) {
            r.add(new String[]{o.sleepTasks + " tasks of `sleep " + o.sleepTextEach + "` on one instance"
                    + (concurrencyFlag ? " with `--concurrency " + o.sleepConcurrency + "`" : " (no `--concurrency` option)")
                    + ": first task.ready → last criterion.completed",
                    String.format(Locale.ROOT, "**%.2f s**", sleepSeconds), "< 2 s",
                    o.sleepTasks == 64 ? verdict(sleepSeconds < 2) : "n/a (goal is for 64)"});
        }
        if (rssKib != null) {
            r.add(new String[]{"peak RSS (VmHWM) of the all-in-one process after " + o.rssTasks * o.rssCriteria
                    + " criteria (" + o.rssTasks + " x " + o.rssCriteria + ", 1 executor)",
                    "**" + mib(rssKib) + "**", "≤ 512 MiB", rssKib < 0 ? "n/a" : verdict(rssKib <= 512 * 1024)
                    + (o.rssTasks * o.rssCriteria < 10_000 ? " (at this size; the goal is after 10,000)" : "")});
        }
        if (!commitsPerCriterion.isEmpty()) {
            r.add(new String[]{"commits on the remote per criterion (seed commit excluded; " + commitsPerCriterion.size()
                    + " run" + (commitsPerCriterion.size() == 1 ? "" : "s") + ")",
                    String.format(Locale.ROOT, "%.2f (min %.2f, max %.2f)", median(commitsPerCriterion),
                            Collections.min(commitsPerCriterion), Collections.max(commitsPerCriterion)), "", ""});
        }
        return r;
    }

    private String[] hopRow(String what, Samples s) {
        if (s.count() == 0) {
            return new String[]{"hop " + what, "not measured: no task got that far", "≤ 1.5 × raw hop (p50 and p99)",
                    "n/a"};
        }
        String measured = "p50 " + p(s, 50) + " ms, p99 " + p(s, 99) + " ms";
        String met = "n/a";
        if (raw != null && raw.count() > 0) {
            double r50 = s.percentile(50) / (double) raw.percentile(50);
            double r99 = s.percentile(99) / (double) raw.percentile(99);
            measured += String.format(Locale.ROOT, " (%.1f× / %.1f× the raw hop)", r50, r99);
            met = verdict(r50 <= 1.5 && r99 <= 1.5);
        }
        return new String[]{"hop " + what + " (" + s.count() + " one-criterion tasks, one at a time)", measured,
                "≤ 1.5 × raw hop (p50 and p99)", met};
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String verdict(boolean met) {
        return met ? "met" : "**not met**";
    }

    private static String p(Samples s, double percentile) {
        return s.count() == 0 ? "n/a" : Samples.ms(s.percentile(percentile));
    }

    private static String mib(long kib) {
        return kib < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** {@code git rev-parse --short HEAD} of the checkout the CLI runs from, "+changes" when its tracked files differ. */
    private String commit() {
        try {
            String head = git("rev-parse", "--short", "HEAD").strip();
            String changes = git("status", "--porcelain", "--untracked-files=no").strip();
            return head + (changes.isEmpty() ? "" : "+changes");
        } catch (Exception e) {
            return "unknown";
        }
    }

    private String git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", home.toString()));
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("git " + String.join(" ", args) + ": " + out);
        }
        return out;
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            System.err.println("could not delete all of " + dir + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------ options

    static final class Options {
        static final String USAGE = """
                Usage: PipelineBench [options]
                  --quick                   small sizes, 1 repetition (a smoke run of a few minutes)
                  --cli PATH                the taskstream CLI script (default ./taskstream)
                  --markdown FILE           also write the summary as Markdown to FILE
                  --phases LIST             any of e2e,hop,scale,sleep,rss (default all)
                  --tasks N --criteria C    end to end: N tasks x C criteria of `run: true` (200 x 5)
                  --executors LIST          end to end: executors in the all-in-one process (1,3)
                  --reps R                  end to end: repetitions of each (3)
                  --hop-tasks N             one-criterion tasks pushed one at a time (30)
                  --hop-warmup N            more of them first, not counted (3)
                  --raw-samples N           raw producer -> consumer round trips (500)
                  --scale-tasks N --scale-criteria C --scale-sleep S
                                            scale-out: N tasks x C criteria of `sleep S` (64 x 2, 0.2)
                  --scale-instances LIST    executor processes (1,4)
                  --scale-partitions N      partitions of the scale-out topics (12)
                  --concurrency N           per-instance --concurrency for scale-out, when the CLI has it (4)
                  --sleep-tasks N --sleep-each S --sleep-concurrency N
                                            N one-criterion tasks of `sleep S` on one instance (64, 1, 64)
                  --rss-tasks N --rss-criteria C
                                            large run for the peak RSS (2000 x 5)
                  --deadline SECONDS        per measurement (default 180 s + 0.5 s per criterion + its sleeps)
                  --stop-seconds N          wait after SIGTERM before killing a child (60)
                  --keep                    keep the temporary directory (repos, logs) for inspection
                """;

        Path cli = Path.of("taskstream").toAbsolutePath();
        Path markdown;
        List<String> phases = List.of("e2e", "hop", "scale", "sleep", "rss");
        int tasks = 200;
        int criteria = 5;
        List<Integer> executors = List.of(1, 3);
        int reps = 3;
        int hopTasks = 30;
        int hopWarmUp = 3;
        int rawSamples = 500;
        int scaleTasks = 64;
        int scaleCriteria = 2;
        String scaleSleepText = "0.2";
        double scaleSleep = 0.2;
        List<Integer> scaleInstances = List.of(1, 4);
        int scalePartitions = 12;
        int concurrency = 4;
        int sleepTasks = 64;
        String sleepTextEach = "1";
        double sleepSecondsEach = 1;
        int sleepConcurrency = 64;
        int rssTasks = 2000;
        int rssCriteria = 5;
        long deadlineSeconds;
        Duration stopBound = Duration.ofSeconds(60);
        boolean keep;
        boolean quick;
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            List<String> list = Arrays.asList(args);
            if (list.contains("--quick")) {
                o.quick = true;
                o.tasks = 20;
                o.reps = 1;
                o.hopTasks = 5;
                o.hopWarmUp = 1;
                o.rawSamples = 200;
                o.scaleTasks = 16;
                o.rssTasks = 40;
            }
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--quick" -> {
                    }
                    case "--help", "-h" -> o.help = true;
                    case "--keep" -> o.keep = true;
                    default -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("unknown option or missing value: " + a);
                        }
                        String v = args[++i];
                        switch (a) {
                            case "--cli" -> o.cli = Path.of(v).toAbsolutePath();
                            case "--markdown" -> o.markdown = Path.of(v);
                            case "--phases" -> o.phases = Arrays.stream(v.split(",")).map(String::strip).toList();
                            case "--tasks" -> o.tasks = positive(a, v);
                            case "--criteria" -> o.criteria = positive(a, v);
                            case "--executors" -> o.executors = ints(a, v);
                            case "--reps" -> o.reps = positive(a, v);
                            case "--hop-tasks" -> o.hopTasks = positive(a, v);
                            case "--hop-warmup" -> o.hopWarmUp = Integer.parseInt(v);
                            case "--raw-samples" -> o.rawSamples = positive(a, v);
                            case "--scale-tasks" -> o.scaleTasks = positive(a, v);
                            case "--scale-criteria" -> o.scaleCriteria = positive(a, v);
                            case "--scale-sleep" -> {
                                o.scaleSleep = Double.parseDouble(v);
                                o.scaleSleepText = v;
                            }
                            case "--scale-instances" -> o.scaleInstances = ints(a, v);
                            case "--scale-partitions" -> o.scalePartitions = positive(a, v);
                            case "--concurrency" -> o.concurrency = positive(a, v);
                            case "--sleep-tasks" -> o.sleepTasks = positive(a, v);
                            case "--sleep-each" -> {
                                o.sleepSecondsEach = Double.parseDouble(v);
                                o.sleepTextEach = v;
                            }
                            case "--sleep-concurrency" -> o.sleepConcurrency = positive(a, v);
                            case "--rss-tasks" -> o.rssTasks = positive(a, v);
                            case "--rss-criteria" -> o.rssCriteria = positive(a, v);
                            case "--deadline" -> o.deadlineSeconds = positive(a, v);
                            case "--stop-seconds" -> o.stopBound = Duration.ofSeconds(positive(a, v));
                            default -> throw new IllegalArgumentException("unknown option: " + a);
                        }
                    }
                }
            }
            for (String phase : o.phases) {
                if (!List.of("e2e", "hop", "scale", "sleep", "rss").contains(phase)) {
                    throw new IllegalArgumentException("unknown phase: " + phase);
                }
            }
            if (!o.scaleSleepText.matches("[0-9.]+") || !o.sleepTextEach.matches("[0-9.]+")) {
                throw new IllegalArgumentException("sleep durations are plain numbers of seconds");
            }
            return o;
        }

        private static int positive(String option, String value) {
            int n = Integer.parseInt(value);
            if (n <= 0) {
                throw new IllegalArgumentException(option + " must be positive: " + value);
            }
            return n;
        }

        private static List<Integer> ints(String option, String value) {
            List<Integer> list = Arrays.stream(value.split(",")).map(String::strip).map(s -> positive(option, s))
                    .toList();
            if (list.isEmpty()) {
                throw new IllegalArgumentException(option + " needs at least one number");
            }
            return list;
        }

        String describe() {
            return String.format(Locale.ROOT, "%s--phases %s --tasks %d --criteria %d --executors %s --reps %d "
                            + "--hop-tasks %d --hop-warmup %d --raw-samples %d --scale-tasks %d --scale-criteria %d "
                            + "--scale-sleep %s --scale-instances %s --scale-partitions %d --concurrency %d "
                            + "--sleep-tasks %d --sleep-each %s --sleep-concurrency %d --rss-tasks %d --rss-criteria %d",
                    quick ? "--quick " : "", String.join(",", phases), tasks, criteria, join(executors), reps,
                    hopTasks, hopWarmUp, rawSamples, scaleTasks, scaleCriteria, scaleSleepText, join(scaleInstances),
                    scalePartitions, concurrency, sleepTasks, sleepTextEach, sleepConcurrency, rssTasks, rssCriteria);
        }

        private static String join(List<Integer> values) {
            return values.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
    }
}
