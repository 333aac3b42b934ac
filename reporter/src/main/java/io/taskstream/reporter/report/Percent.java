package io.taskstream.reporter.report;

/** Rounded percentages. */
final class Percent {
    private Percent() {
    }

    static int of(int part, int whole) {
        return whole == 0 ? 0 : (int) Math.round(100.0 * part / whole);
    }
}
