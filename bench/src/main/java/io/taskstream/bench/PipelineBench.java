package io.taskstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
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
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    private final PipelineBenchOptions o;
    private final PipelineHarness harness;
    private final PipelineResults results = new PipelineResults();

    private PipelineBench(PipelineBenchOptions o, Path root) {
        this.o = o;
        this.harness = new PipelineHarness(o, root);
    }

    public static void main(String[] args) {
        PipelineBenchOptions o;
        try {
            o = PipelineBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(PipelineBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (o.help) {
            System.out.println(PipelineBenchOptions.USAGE);
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
                new PipelineReport(bench.harness, bench.results).print(true);
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
                ZonedDateTime.now().format(STAMP), harness.commit(), Host.machine(), Host.loadAverage());
        System.out.println("parameters: " + o.describe());
        harness.preflight(results.notes);
        if (o.phases.contains("e2e")) {
            new EndToEndPhase(harness, results).run();
        }
        if (o.phases.contains("hop")) {
            new HopsPhase(harness, results).run();
        }
        if (o.phases.contains("scale")) {
            new ScaleOutPhase(harness, results).run();
        }
        if (o.phases.contains("sleep")) {
            new SleepCheckPhase(harness, results).run();
        }
        if (o.phases.contains("rss")) {
            new LargeRunPhase(harness, results).run();
        }
        System.out.println();
        new PipelineReport(harness, results).print(false);
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
}
