package io.taskstream.bench;

import java.util.Locale;

import static io.taskstream.bench.Figures.mib;

/** One measured run of {@link PipelineBench}: a line while it runs, a row of the runs table in the summary. */
record RunRow(String name, int criteria, double startupS, double activeS, double perSecond, double wallS,
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
