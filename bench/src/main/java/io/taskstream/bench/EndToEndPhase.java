package io.taskstream.bench;

import java.util.ArrayList;
import java.util.Locale;

/**
 * End to end: T tasks x C criteria in one all-in-one process, for each number of executors, R repetitions each;
 * criteria/s = criteria / (last criterion.verified - first task.ready).
 */
final class EndToEndPhase {
    private final PipelineHarness h;
    private final PipelineResults results;

    EndToEndPhase(PipelineHarness h, PipelineResults results) {
        this.h = h;
        this.results = results;
    }

    void run() throws Exception {
        for (int executors : h.o.executors) {
            for (int rep = 1; rep <= h.o.reps; rep++) {
                once(executors, rep);
            }
        }
    }

    private void once(int executors, int rep) throws Exception {
        int tasks = h.o.tasks;
        int criteria = tasks * h.o.criteria;
        String name = String.format(Locale.ROOT, "end to end, %d executor%s, run %d", executors,
                executors == 1 ? "" : "s", rep);
        RunRow row = new AllInOneRun(h, results).measure(name, tasks, h.o.criteria, executors, "true");
        results.e2eRate.computeIfAbsent(executors, k -> new ArrayList<>()).add(row.perSecond());
        results.e2eWall.computeIfAbsent(executors, k -> new ArrayList<>()).add(row.wallS());
        if (row.commits() >= 0) {
            results.commitsPerCriterion.add(row.commits() / (double) criteria);
        }
    }
}
