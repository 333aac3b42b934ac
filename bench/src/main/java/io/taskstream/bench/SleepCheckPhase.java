package io.taskstream.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** N tasks of one {@code sleep 1} criterion on one executor instance: first task.ready -> last completed. */
final class SleepCheckPhase {
    private final PipelineHarness h;
    private final PipelineResults results;

    SleepCheckPhase(PipelineHarness h, PipelineResults results) {
        this.h = h;
        this.results = results;
    }

    void run() throws Exception {
        PipelineBenchOptions o = h.o;
        boolean concurrencyFlag = h.concurrencyFlag();
        int tasks = o.sleepTasks;
        long deadline = System.nanoTime() + h.deadlineNanos(tasks, o.sleepSecondsEach);
        String name = tasks + " x sleep " + o.sleepTextEach + ", one executor instance";
        Path dir = h.newDir("sleep");
        System.out.printf(Locale.ROOT, "%n%s%s%n", name, concurrencyFlag ? ", --concurrency " + o.sleepConcurrency
                : " (no --concurrency option in this build)");
        List<String> args = new ArrayList<>(List.of("--executors", "1", "--scan"));
        if (concurrencyFlag) {
            args.addAll(List.of("--concurrency", String.valueOf(o.sleepConcurrency)));
        }
        try (TrivialTaskRepo repo = TrivialTaskRepo.create(dir.resolve("repo"), tasks, 1, "sleep " + o.sleepTextEach,
                "true")) {
            Child child = h.startRun(name, dir, args, repo, null);
            try {
                String bootstrap = child.awaitRunning(deadline);
                try (EventWatch watch = new EventWatch(bootstrap, h.topic, deadline)) {
                    watch.await(tasks + " criteria completed", () -> watch.completed.size() >= tasks, deadline,
                            List.of(child));
                    results.sleepSeconds = EventWatch.nanos(watch.firstReady(), watch.lastCompleted()) / 1e9;
                    System.out.printf(Locale.ROOT, "  first task.ready -> last criterion.completed: %.2f s%n",
                            results.sleepSeconds);
                }
            } finally {
                System.out.println("  stopped: " + child.stop(o.stopBound));
            }
        }
    }
}
