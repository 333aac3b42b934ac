package io.taskstream.reporter.live;

import io.taskstream.reporter.log.EventLogReader;
import io.taskstream.reporter.report.ReportFiles;
import io.taskstream.reporter.report.SessionReport;
import io.taskstream.reporter.report.WrittenReport;
import io.taskstream.reporter.session.RunLedger;
import io.taskstream.reporter.session.SessionLedger;
import io.taskstream.runtime.kafka.Consumed;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The reporter's read-fold-report loop, run on its own thread because the Kafka client blocks. It reads the
 * event log from the beginning, folds every event into a {@link SessionLedger} and writes a run's report once
 * the run is finished. Before writing, it reads on to the end offsets as of the moment the run looked
 * finished: events of the run that were already in the log (an invalid file, the scan request, on partitions
 * read more slowly) are then in the report too. A run that changes after its report was written (a late
 * event) is reported again.
 */
public final class ReportLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ReportLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long PARTITION_REFRESH_NANOS = Duration.ofSeconds(30).toNanos();
    private static final long BACKOFF_MS = 500;

    private final EventLogReader reader;
    private final ReportFiles files;
    private final Consumer<WrittenReport> onReport;
    private final Consumer<SessionLedger> onStep;
    private final SessionLedger ledger = new SessionLedger();
    private final Map<String, Long> reportedRevision = new HashMap<>();
    private final Set<String> due = new LinkedHashSet<>();
    private Map<TopicPartition, Long> dueOffsets = Map.of();
    private long refreshAt = System.nanoTime();
    private volatile boolean running = true;

    /** @param onReport called on the loop's thread after a run's report files were written */
    public ReportLoop(EventLogReader reader, ReportFiles files, Consumer<WrittenReport> onReport) {
        this(reader, files, onReport, ledger -> { });
    }

    /**
     * @param onStep called on the loop's thread after every poll with the fold so far (the status page reads it
     *               there: the ledger is not thread-safe)
     */
    public ReportLoop(EventLogReader reader, ReportFiles files, Consumer<WrittenReport> onReport,
                      Consumer<SessionLedger> onStep) {
        this.reader = reader;
        this.files = files;
        this.onReport = onReport;
        this.onStep = onStep;
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    step();
                } catch (WakeupException e) {
                    return; // stop() was called
                } catch (KafkaException e) {
                    LOG.warn("Reading the event log failed, trying again: {}", e.toString());
                    Thread.sleep(BACKOFF_MS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Report loop stopped", e);
        } finally {
            reader.close();
        }
    }

    private void step() throws InterruptedException {
        if (System.nanoTime() - refreshAt >= 0) {
            if (!reader.assignAll()) {
                Thread.sleep(BACKOFF_MS); // the topic does not exist yet
                return;
            }
            refreshAt = System.nanoTime() + PARTITION_REFRESH_NANOS;
        }
        Set<String> touched = new LinkedHashSet<>();
        for (Consumed c : reader.poll(POLL)) {
            fold(c, touched);
        }
        markDue(touched);
        reportDue();
        onStep.accept(ledger);
    }

    /** Ends the loop; safe from any thread. */
    public void stop() {
        running = false;
        reader.wakeup();
    }

    private void fold(Consumed c, Set<String> touched) {
        try {
            if (ledger.apply(c.event(), c.offset())) {
                touched.add(c.event().runId());
            }
        } catch (RuntimeException e) {
            // One event the fold cannot take must not stop reporting on every other run.
            LOG.error("Cannot fold event {} ({}) at {}-{}", c.event().id(), c.event().type(), c.partition(),
                    c.offset(), e);
        }
    }

    private void markDue(Set<String> touched) {
        boolean added = false;
        for (String runId : touched) {
            if (ledger.finished(runId) && due.add(runId)) {
                added = true;
            }
        }
        if (added) {
            dueOffsets = reader.endOffsets();
        }
    }

    private void reportDue() {
        if (due.isEmpty() || !reader.reached(dueOffsets)) {
            return;
        }
        for (String runId : due) {
            RunLedger run = ledger.run(runId).orElseThrow();
            Long reported = reportedRevision.get(runId);
            if (!run.finished() || (reported != null && reported == run.revision())) {
                continue;
            }
            reportedRevision.put(runId, run.revision());
            try {
                WrittenReport written = files.write(SessionReport.of(run));
                LOG.info("Run {} finished: report written to {}", runId, written.markdown());
                onReport.accept(written);
            } catch (IOException | RuntimeException e) {
                LOG.error("Cannot write the report of run {}; it is written again when the run changes", runId, e);
            }
        }
        due.clear();
    }
}
