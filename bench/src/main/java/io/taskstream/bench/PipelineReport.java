package io.taskstream.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.taskstream.bench.Figures.median;
import static io.taskstream.bench.Figures.mib;
import static io.taskstream.bench.Figures.p;
import static io.taskstream.bench.Figures.verdict;

/** The summary of {@link PipelineBench}: each figure beside its goal, then the runs and notes, as Markdown. */
final class PipelineReport {
    private final PipelineHarness h;
    private final PipelineBenchOptions o;
    private final PipelineResults results;

    PipelineReport(PipelineHarness h, PipelineResults results) {
        this.h = h;
        this.o = h.o;
        this.results = results;
    }

    /** Prints the summary (and writes it as Markdown when asked). */
    void print(boolean partial) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("PipelineBench, ").append(ZonedDateTime.now().format(PipelineBench.STAMP)).append(", commit `")
                .append(h.commit()).append("`").append(partial ? " (INCOMPLETE: the run failed)" : "").append("  \n");
        md.append("Machine: ").append(Host.machine()).append("; load average at the end ").append(Host.loadAverage())
                .append("  \n");
        md.append("Parameters: `").append(o.describe()).append("`\n\n");
        md.append("| measurement | measured | goal | met? |\n|---|---|---|---|\n");
        for (String[] r : summaryRows()) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        if (!results.rows.isEmpty()) {
            md.append("\nRuns (times from the events' own time stamps; wall from the process start, or from the scan "
                    + "request for scale-out):\n\n");
            md.append("| run | criteria | startup s | first ready -> last verified s | criteria/s | wall s | child CPU s "
                    + "| other processes, cores | peak RSS | commits/criterion |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            results.rows.forEach(r -> md.append(r.markdown()).append('\n'));
        }
        List<String> notes = new ArrayList<>(results.notes);
        if (!results.scale.isEmpty()) {
            notes.add("Scale-out rows: peak RSS is that of the scanner + verifier + reporter process (with the broker); "
                    + "child CPU is all processes of the measurement together; wall is from the scan request.");
        }
        if (results.rssCommand != null) {
            notes.add("Peak RSS read from /proc/<pid>/status (VmHWM) of `" + (results.rssCommand.length() > 100
                    ? results.rssCommand.substring(0, 100) + "..." : results.rssCommand) + "`, before it was stopped.");
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
        for (Map.Entry<Integer, List<Double>> e : results.e2eRate.entrySet()) {
            int n = e.getKey();
            List<Double> rates = e.getValue();
            double median = median(rates);
            r.add(new String[]{String.format(Locale.ROOT, "end to end, %d executor%s (%d tasks x %d criteria = %d, "
                            + "`run: true`, `verify: true`; %d run%s)", n, n == 1 ? "" : "s", o.tasks, o.criteria,
                    o.tasks * o.criteria, rates.size(), rates.size() == 1 ? "" : "s"),
                    String.format(Locale.ROOT, "**%.1f criteria/s** (min %.1f, max %.1f); wall %.1f s", median,
                            Collections.min(rates), Collections.max(rates), median(results.e2eWall.get(n))),
                    "≥ 200 criteria/s", verdict(median >= 200)});
        }
        if (results.hopReadyStarted != null) {
            Samples raw = results.raw;
            Samples readyVerified = results.hopReadyVerified;
            List<String> lost = results.hopLost;
            String rawP50 = raw == null ? null : p(raw, 50);
            r.add(hopRow("task.ready → criterion.started", results.hopReadyStarted));
            r.add(hopRow("criterion.completed → criterion.verified", results.hopCompletedVerified));
            r.add(new String[]{"raw hop: plain producer (acks=all, linger 0) → consumer, same broker, topic `"
                    + RawHop.TOPIC + "`, 1 partition" + (raw == null ? "" : ", " + raw.count() + " samples"),
                    raw == null ? "not measured" : "p50 " + rawP50 + " ms, p99 " + p(raw, 99) + " ms",
                    "(baseline)", ""});
            r.add(new String[]{"one-criterion task, task.ready → criterion.verified (" + o.hopTasks
                    + " tasks pushed and scanned one at a time" + (lost.isEmpty() ? "" : ", " + lost.size()
                    + " of them never verified") + ")",
                    readyVerified.count() == 0 ? "not measured: no task was verified"
                    : "**p50 " + p(readyVerified, 50) + " ms**, p99 " + p(readyVerified, 99) + " ms",
                    "p50 ≤ 50 ms", readyVerified.count() == 0 ? "**not met**"
                    : verdict(readyVerified.percentile(50) <= 50_000_000L)});
            Samples scanReady = results.hopScanReady;
            if (scanReady.count() > 0) {
                r.add(new String[]{"scan.requested → task.ready (same tasks; `taskstream scan` after each push)",
                        "p50 " + p(scanReady, 50) + " ms, p99 " + p(scanReady, 99) + " ms", "", ""});
            }
        }
        for (Map.Entry<Integer, Samples[]> e : results.underLoad.entrySet()) {
            for (Samples s : e.getValue()) {
                if (s.count() > 0) {
                    r.add(new String[]{"under load, " + e.getKey() + " executor" + (e.getKey() == 1 ? "" : "s")
                            + " (all end-to-end runs): " + s.name().replace("->", "→"),
                            "p50 " + p(s, 50) + " ms, p99 " + p(s, 99) + " ms", "(queueing included)", ""});
                }
            }
        }
        for (Map.Entry<Integer, double[]> e : results.scale.entrySet()) {
            r.add(new String[]{String.format(Locale.ROOT, "scale-out: %d executor process%s, %d tasks x %d criteria of "
                            + "`sleep %s`, %d partitions%s (partitions per process: %s)", e.getKey(),
                    e.getKey() == 1 ? "" : "es", o.scaleTasks, o.scaleCriteria, o.scaleSleepText, o.scalePartitions,
                    h.concurrencyFlag() ? ", `--concurrency " + o.concurrency + "`" : ", no `--concurrency` option",
                    results.scaleSplit.get(e.getKey())),
                    String.format(Locale.ROOT, "%.1f criteria/s (executor side, to the last criterion.completed: %.1f)",
                            e.getValue()[0], e.getValue()[1]), "", ""});
        }
        if (results.scale.size() >= 2) {
            List<Integer> ks = new ArrayList<>(results.scale.keySet());
            int lo = ks.get(0);
            int hi = ks.get(ks.size() - 1);
            double ratio = results.scale.get(hi)[0] / results.scale.get(lo)[0];
            double exRatio = results.scale.get(hi)[1] / results.scale.get(lo)[1];
            r.add(new String[]{"scale-out ratio: criteria/s with " + hi + " / with " + lo,
                    String.format(Locale.ROOT, "**%.2f×** (executor side %.2f×)", ratio, exRatio), "≥ 3.6×",
                    hi == 4 && lo == 1 ? verdict(ratio >= 3.6) : "n/a"});
        }
        if (results.sleepSeconds != null) {
            r.add(new String[]{o.sleepTasks + " tasks of `sleep " + o.sleepTextEach + "` on one instance"
                    + (h.concurrencyFlag() ? " with `--concurrency " + o.sleepConcurrency + "`"
                    : " (no `--concurrency` option)")
                    + ": first task.ready → last criterion.completed",
                    String.format(Locale.ROOT, "**%.2f s**", results.sleepSeconds), "< 2 s",
                    o.sleepTasks == 64 ? verdict(results.sleepSeconds < 2) : "n/a (goal is for 64)"});
        }
        if (results.rssKib != null) {
            long rssKib = results.rssKib;
            r.add(new String[]{"peak RSS (VmHWM) of the all-in-one process after " + o.rssTasks * o.rssCriteria
                    + " criteria (" + o.rssTasks + " x " + o.rssCriteria + ", 1 executor)",
                    "**" + mib(rssKib) + "**", "≤ 512 MiB", rssKib < 0 ? "n/a" : verdict(rssKib <= 512 * 1024)
                    + (o.rssTasks * o.rssCriteria < 10_000 ? " (at this size; the goal is after 10,000)" : "")});
        }
        List<Double> commits = results.commitsPerCriterion;
        if (!commits.isEmpty()) {
            r.add(new String[]{"commits on the remote per criterion (seed commit excluded; " + commits.size()
                    + " run" + (commits.size() == 1 ? "" : "s") + ")",
                    String.format(Locale.ROOT, "%.2f (min %.2f, max %.2f)", median(commits),
                            Collections.min(commits), Collections.max(commits)), "", ""});
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
        if (results.raw != null && results.raw.count() > 0) {
            double r50 = s.percentile(50) / (double) results.raw.percentile(50);
            double r99 = s.percentile(99) / (double) results.raw.percentile(99);
            measured += String.format(Locale.ROOT, " (%.1f× / %.1f× the raw hop)", r50, r99);
            met = verdict(r50 <= 1.5 && r99 <= 1.5);
        }
        return new String[]{"hop " + what + " (" + s.count() + " one-criterion tasks, one at a time)", measured,
                "≤ 1.5 × raw hop (p50 and p99)", met};
    }
}
