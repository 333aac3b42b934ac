package io.taskstream.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The command line of {@link PipelineBench}: sizes and phases, with the defaults that {@code --quick} shrinks. */
final class PipelineBenchOptions {
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

    static PipelineBenchOptions parse(String[] args) {
        PipelineBenchOptions o = new PipelineBenchOptions();
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
