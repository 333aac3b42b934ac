package io.taskstream.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Timings of one measured thing, in nanoseconds, with the warm-ups already left out. */
final class Samples {
    private final String name;
    private final String note;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final List<Long> nanos = new ArrayList<>();
    /** CPU time of the calling thread: less disturbed than wall time when other processes share the cores. */
    private final List<Long> cpuNanos = new ArrayList<>();
    private long first = -1;

    Samples(String name, String note) {
        this.name = name;
        this.note = note;
    }

    @FunctionalInterface
    interface Timed<T> {
        T call() throws Exception;
    }

    /** Runs the call; records its duration unless {@code warmUp}. */
    <T> T time(boolean warmUp, Timed<T> call) throws Exception {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        T result = call.call();
        long took = System.nanoTime() - start;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        if (first < 0) {
            first = took;
        }
        if (!warmUp) {
            nanos.add(took);
            cpuNanos.add(cpu);
        }
        return result;
    }

    void add(long took) {
        nanos.add(took);
    }

    String name() {
        return name;
    }

    /** The very first call, warm-up included: what a freshly started JVM pays. */
    long first() {
        return first;
    }

    int count() {
        return nanos.size();
    }

    long min() {
        return Collections.min(nanos);
    }

    long max() {
        return Collections.max(nanos);
    }

    /** The lower median for an even count: a value that was measured. */
    long median() {
        return median(nanos);
    }

    /** Nearest-rank percentile, {@code p} in (0, 100]: a value that was measured (p50 is the lower median). */
    long percentile(double p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((sorted.size() - 1) / 2);
    }

    static String ms(long nanos) {
        double ms = nanos / 1e6;
        return String.format(Locale.ROOT, ms < 10 ? "%.2f" : ms < 100 ? "%.1f" : "%.0f", ms);
    }

    /** Prints rows as a Markdown table: name, n, min, median, max (ms), median CPU ms of the timing thread, note. */
    static void print(String title, List<Samples> rows) {
        System.out.println();
        System.out.println("### " + title);
        System.out.println();
        System.out.println("| measurement | n | min ms | median ms | max ms | median thread CPU ms | note |");
        System.out.println("|---|---:|---:|---:|---:|---:|---|");
        for (Samples s : rows) {
            if (s.count() > 0) {
                System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s |%n", s.name, s.count(), ms(s.min()),
                        ms(s.median()), ms(s.max()), s.cpuNanos.isEmpty() ? "" : ms(median(s.cpuNanos)), s.note);
            }
        }
    }
}
