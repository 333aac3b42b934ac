package io.taskstream.reporter.status;

import io.taskstream.reporter.report.WrittenReport;
import io.taskstream.reporter.session.SessionLedger;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the live fold into status snapshots, on the fold's own thread (the ledger is not thread-safe): the report
 * loop calls {@link #folded} after every step, and a new snapshot is built when the ledger changed, at most once
 * per {@code minIntervalMillis}. A change that comes sooner is published by a later step (the loop steps at least
 * every poll interval), so the last change is never lost.
 */
public final class StatusBoard {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StatusBoard.class);
    private final Consumer<String> publish;
    private final long minIntervalNanos;
    private final Clock clock;
    private final Map<String, String> reports = new HashMap<>();
    private long publishedKey = -1;
    private long publishedAt;
    private boolean reportsChanged;

    /**
     * @param publish receives each snapshot, JSON-encoded, on the fold's thread
     */
    public StatusBoard(Consumer<String> publish, long minIntervalMillis, Clock clock) {
        this.publish = publish;
        this.minIntervalNanos = minIntervalMillis * 1_000_000;
        this.clock = clock;
        this.publishedAt = System.nanoTime() - minIntervalNanos;
    }

    /** A run's report was written: its HTML file is linked from now on. Called on the fold's thread. */
    public void reported(WrittenReport written) {
        reports.put(written.runId(), written.html().getFileName().toString());
        reportsChanged = true;
    }

    /** Called on the fold's thread after each step. */
    public void folded(SessionLedger ledger) {
        long key = changeKey(ledger);
        if (key == publishedKey && !reportsChanged) {
            return;
        }
        long now = System.nanoTime();
        if (now - publishedAt < minIntervalNanos) {
            return;
        }
        publishedKey = key;
        publishedAt = now;
        reportsChanged = false;
        try {
            publish.accept(StatusSnapshot.of(ledger, reports, clock.instant()).encode());
        } catch (RuntimeException e) {
            // The page is a view: a snapshot it cannot build must not stop the reports.
            LOG.error("Cannot build the status snapshot", e);
        }
    }

    /** Grows with every event folded: the sum of the runs' revisions, and the number of runs. */
    private static long changeKey(SessionLedger ledger) {
        long key = ledger.runIds().size();
        for (String id : ledger.runIds()) {
            key += ledger.run(id).map(r -> r.revision()).orElse(0L);
        }
        return key;
    }
}
