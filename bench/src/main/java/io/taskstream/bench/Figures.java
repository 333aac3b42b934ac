package io.taskstream.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** How {@link PipelineBench} writes its figures: percentiles in ms, sizes in MiB, medians, goal verdicts. */
final class Figures {
    private Figures() {
    }

    static String verdict(boolean met) {
        return met ? "met" : "**not met**";
    }

    static String p(Samples s, double percentile) {
        return s.count() == 0 ? "n/a" : Samples.ms(s.percentile(percentile));
    }

    static String mib(long kib) {
        return kib < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
