package io.taskstream.bench;

/** A large all-in-one run with one executor, for the peak RSS (VmHWM) of the process and commits per criterion. */
final class LargeRunPhase {
    private final PipelineHarness h;
    private final PipelineResults results;

    LargeRunPhase(PipelineHarness h, PipelineResults results) {
        this.h = h;
        this.results = results;
    }

    void run() throws Exception {
        RunRow row = new AllInOneRun(h, results).measure("large run, 1 executor", h.o.rssTasks, h.o.rssCriteria, 1,
                "true");
        if (row.commits() >= 0) {
            results.commitsPerCriterion.add(row.commits() / (double) row.criteria());
        }
    }
}
