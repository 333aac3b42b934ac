package io.taskstream.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code taskstream run --scan --executors N} with an embedded broker on a fresh repo; waits until every criterion is
 * verified and every task completed; reads the child's CPU and peak RSS; stops it. Shared by the end-to-end runs and
 * the large run.
 */
final class AllInOneRun {
    private final PipelineHarness h;
    private final PipelineResults results;

    AllInOneRun(PipelineHarness h, PipelineResults results) {
        this.h = h;
        this.results = results;
    }

    RunRow measure(String name, int tasks, int perTask, int executors, String command) throws Exception {
        int criteria = tasks * perTask;
        long deadline = System.nanoTime() + h.deadlineNanos(criteria, 0);
        Path dir = h.newDir(name);
        System.out.printf(Locale.ROOT, "%n%s: %d tasks x %d criteria, generating the repo...%n", name, tasks, perTask);
        try (TrivialTaskRepo repo = TrivialTaskRepo.create(dir.resolve("repo"), tasks, perTask, command, "true")) {
            int seeded = repo.commitsOnRemote();
            OtherCoresWindow window = new OtherCoresWindow();
            Child child = h.startRun(name, dir, List.of("--executors", String.valueOf(executors), "--scan"), repo,
                    null);
            RunRow row;
            try {
                String bootstrap = child.awaitRunning(deadline);
                try (EventWatch watch = new EventWatch(bootstrap, h.topic, deadline)) {
                    watch.await(criteria + " criteria verified and " + tasks + " tasks completed",
                            () -> watch.verified.size() >= criteria && watch.taskCompleted.size() >= tasks, deadline,
                            List.of(child));
                    long end = System.nanoTime();
                    long javaPid = PipelineHarness.javaPid(child);
                    long hwm = ProcStat.vmHwmKib(javaPid);
                    if (name.startsWith("large run")) {
                        results.rssKib = hwm;
                        results.rssCommand = ProcStat.commandLine(javaPid);
                    }
                    double active = EventWatch.nanos(watch.firstReady(), watch.lastVerified()) / 1e9;
                    underLoad(executors, watch, name);
                    row = new RunRow(name, criteria, child.startup().toNanos() / 1e9, active, criteria / active,
                            (end - child.startNanos()) / 1e9, ProcStat.cpuTicks(List.of(child)) / ProcStat.TICKS_PER_SECOND,
                            window.otherCores(List.of(child)), hwm, -1);
                }
            } finally {
                String stopped = child.stop(h.o.stopBound);
                System.out.println("  stopped: " + stopped);
            }
            int commits = repo.commitsOnRemote() - seeded;
            row = row.withCommits(commits);
            results.rows.add(row);
            System.out.println("  " + row.oneLine());
            return row;
        }
    }

    /** Hops of a loaded run, pooled over the runs with the same number of executors (queueing included). */
    private void underLoad(int executors, EventWatch watch, String name) {
        if (!name.startsWith("end to end")) {
            return;
        }
        Samples[] s = results.underLoad.computeIfAbsent(executors, k -> new Samples[]{
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
}
