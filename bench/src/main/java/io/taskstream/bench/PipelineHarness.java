package io.taskstream.bench;

import io.taskstream.events.envelope.Topics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What every phase of {@link PipelineBench} starts from: the options, the temporary directory, the CLI and the
 * environment of its child processes, and whether the CLI has {@code --concurrency}.
 */
final class PipelineHarness {
    final PipelineBenchOptions o;
    final String topic;
    private final Path root;
    private final Path home;
    private final Map<String, String> env;
    private boolean concurrencyFlag;
    private int dirs;

    PipelineHarness(PipelineBenchOptions o, Path root) {
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

    boolean concurrencyFlag() {
        return concurrencyFlag;
    }

    /** The CLI is there and its jar is current (the script rebuilds it otherwise); which options it has. */
    void preflight(List<String> notes) throws Exception {
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

    /**
     * {@code taskstream run} with the repo, a workspace, a state directory ({@code state-<suffix>}), reports, and
     * {@code extra} options, started in {@code dir}.
     */
    Child startRun(String name, Path dir, List<String> extra, TrivialTaskRepo repo, String stateSuffix)
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

    /** {@code taskstream scan} against the running broker, awaited. */
    void scan(String bootstrap, Path dir, String name, long deadline) throws Exception {
        Child scan = Child.start(name, o.cli, dir, dir.resolve("logs/" + name + ".log"), env,
                List.of("scan", "--bootstrap-servers", bootstrap));
        scan.awaitExit(deadline);
    }

    /** The JVM's pid: the child itself when the script exec'd java, else its descendant that runs the jar. */
    static long javaPid(Child child) {
        if (ProcStat.commandLine(child.pid()).contains("java")) {
            return child.pid();
        }
        return ProcessHandle.of(child.pid()).stream().flatMap(ProcessHandle::descendants)
                .filter(h -> ProcStat.commandLine(h.pid()).contains("taskstream.jar")).map(ProcessHandle::pid)
                .findFirst().orElse(child.pid());
    }

    /** A fresh, numbered directory for one measurement. */
    Path newDir(String name) throws IOException {
        Path dir = root.resolve(String.format(Locale.ROOT, "%02d-%s", ++dirs, name.replaceAll("[^A-Za-z0-9]+", "-")));
        Files.createDirectories(dir);
        return dir;
    }

    /** Per measurement: {@code --deadline} seconds when given, else 3 minutes + 0.5 s per criterion + its sleeps. */
    long deadlineNanos(int criteria, double sleepEach) {
        if (o.deadlineSeconds > 0) {
            return TimeUnit.SECONDS.toNanos(o.deadlineSeconds);
        }
        return (long) ((180 + criteria * (0.5 + sleepEach)) * 1e9);
    }

    /** {@code git rev-parse --short HEAD} of the checkout the CLI runs from, "+changes" when its tracked files differ. */
    String commit() {
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
}
