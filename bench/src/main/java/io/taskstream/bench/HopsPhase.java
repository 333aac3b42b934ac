package io.taskstream.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static io.taskstream.bench.Figures.p;

/**
 * One-criterion tasks, pushed and scanned one at a time, each awaited (task.completed) before the next: nothing
 * queues. Then the raw hop on the same broker while it is up.
 */
final class HopsPhase {
    private final PipelineHarness h;
    private final PipelineResults r;

    HopsPhase(PipelineHarness h, PipelineResults results) {
        this.h = h;
        this.r = results;
    }

    void run() throws Exception {
        PipelineBenchOptions o = h.o;
        int total = o.hopWarmUp + o.hopTasks;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180 + 30L * total + o.rawSamples / 10);
        Path dir = h.newDir("hops");
        System.out.printf(Locale.ROOT, "%nhops: %d one-criterion tasks, one at a time (%d more first as warm-up)%n",
                o.hopTasks, o.hopWarmUp);
        r.hopReadyStarted = new Samples("task.ready -> criterion.started", "");
        r.hopCompletedVerified = new Samples("criterion.completed -> criterion.verified", "");
        r.hopReadyVerified = new Samples("task.ready -> criterion.verified", "");
        r.hopScanReady = new Samples("scan.requested -> task.ready", "");
        try (TrivialTaskRepo repo = TrivialTaskRepo.create(dir.resolve("repo"), 0, 1, "true", "true")) {
            OtherCoresWindow window = new OtherCoresWindow();
            Child child = h.startRun("hops", dir, List.of("--executors", "1"), repo, null);
            try {
                String bootstrap = child.awaitRunning(deadline);
                try (EventWatch watch = new EventWatch(bootstrap, h.topic, deadline)) {
                    for (int t = 1; t <= total; t++) {
                        repo.addAndPush(t, 1);
                        h.scan(bootstrap, dir, "scan-" + t, deadline);
                        String id = SyntheticTaskRepo.id(t);
                        // a task the pipeline gives up on (withdrawn, blocked, ...) is counted as lost, not waited for
                        watch.await(id + " verified and completed", () -> watch.problems.containsKey(id)
                                || watch.taskCompleted.containsKey(id) && watch.verified.containsKey(id + "#1"),
                                deadline, List.of(child), false);
                        if (t > o.hopWarmUp) {
                            record(watch, id);
                        }
                    }
                    if (!r.hopLost.isEmpty()) {
                        System.out.printf(Locale.ROOT, "  %d of %d one-criterion tasks were not verified; the first: "
                                + "%s%n", r.hopLost.size(), o.hopTasks, r.hopLost.get(0));
                        r.notes.add(String.format(Locale.ROOT, "Hops: %d of %d one-criterion tasks were not verified "
                                + "(the pipeline gave up on them); their hops after criterion.completed are missing. "
                                + "The first: %s", r.hopLost.size(), o.hopTasks, r.hopLost.get(0)));
                    }
                    System.out.printf(Locale.ROOT, "  one-criterion tasks: task.ready -> criterion.started p50 %s ms; "
                                    + "task.ready -> criterion.verified p50 %s ms, p99 %s ms (%d verified); other "
                                    + "processes used %.2f cores%n", p(r.hopReadyStarted, 50),
                            p(r.hopReadyVerified, 50), p(r.hopReadyVerified, 99), r.hopReadyVerified.count(),
                            window.otherCores(List.of(child)));
                    r.raw = RawHop.measure(bootstrap, Math.min(50, o.rawSamples), o.rawSamples, deadline);
                    System.out.printf(Locale.ROOT, "  raw hop on the same broker: p50 %s ms, p99 %s ms (%d samples)%n",
                            p(r.raw, 50), p(r.raw, 99), r.raw.count());
                }
            } finally {
                System.out.println("  stopped: " + child.stop(o.stopBound));
            }
        }
    }

    /** The hops of one counted task, from its events' time stamps. */
    private void record(EventWatch watch, String id) {
        Instant ready = watch.ready.get(id);
        Instant started = watch.started.get(id + "#1");
        Instant completed = watch.completed.get(id + "#1");
        Instant verified = watch.verified.get(id + "#1");
        if (ready != null && started != null) {
            r.hopReadyStarted.add(EventWatch.nanos(ready, started));
        }
        if (completed != null && verified != null) {
            r.hopCompletedVerified.add(EventWatch.nanos(completed, verified));
        }
        if (ready != null && verified != null) {
            r.hopReadyVerified.add(EventWatch.nanos(ready, verified));
        } else {
            r.hopLost.add(watch.problems.getOrDefault(id, id + ": not verified"));
        }
        Instant requested = ready == null ? null : watch.scanRequested.get(watch.readyRun.get(id));
        if (requested != null) {
            r.hopScanReady.add(EventWatch.nanos(requested, ready));
        }
    }
}
