package io.taskstream.reporter.replay;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.EventData;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.reporter.log.EventLogReader;
import io.taskstream.reporter.report.ReportFiles;
import io.taskstream.reporter.report.SessionReport;
import io.taskstream.reporter.report.WrittenReport;
import io.taskstream.reporter.session.RunLedger;
import io.taskstream.reporter.session.SessionLedger;
import io.taskstream.runtime.kafka.Consumed;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the event log from offset 0 up to its end at the time of the call and rebuilds reports from it, for
 * retrospectives and the {@code report} command. It folds exactly as the live reporter does, so a replayed
 * report equals the one written while the run went on.
 */
public final class Replay {
    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final String topic;
    private final Duration timeout;
    private final EventCodec codec = new EventCodec();
    private long poisonSkipped;

    /** A replay that gives up after 60 s. */
    public Replay(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, Duration.ofSeconds(60));
    }

    /** @param timeout how long one read of the log may take before it fails */
    public Replay(String bootstrapServers, String topic, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.timeout = timeout;
    }

    /**
     * Every event in the log up to the end offsets as of this call, each partition in log order. An absent
     * topic reads as an empty log.
     *
     * @throws IllegalStateException when the log could not be read to its end within the timeout
     */
    public List<Envelope<EventData>> readAll() {
        return readConsumed().stream().map(Consumed::event).toList();
    }

    /** Records the last {@link #readAll()} skipped because they were not valid events. */
    public long poisonSkipped() {
        return poisonSkipped;
    }

    /** The log folded into a ledger of every run. */
    public SessionLedger ledger() {
        SessionLedger ledger = new SessionLedger();
        readConsumed().forEach(c -> ledger.apply(c.event(), c.offset()));
        return ledger;
    }

    /** The report of one run as the log tells it now; empty when the log has no event of that run. */
    public Optional<SessionReport> report(String runId) {
        return ledger().run(runId).map(SessionReport::of);
    }

    /**
     * Writes {@code session-<runId>.md} and {@code .json} of one run into {@code dir}, finished or not
     * (the report says which).
     *
     * @throws NoSuchElementException when the log has no event of that run
     */
    public WrittenReport writeReport(String runId, Path dir) throws IOException {
        RunLedger run = ledger().run(runId).orElseThrow(() -> new NoSuchElementException("no events of run " + runId));
        return new ReportFiles(dir).write(SessionReport.of(run));
    }

    /** Writes the report of every run in the log into {@code dir}, in the order the runs first appear. */
    public List<WrittenReport> writeReports(Path dir) throws IOException {
        SessionLedger ledger = ledger();
        ReportFiles files = new ReportFiles(dir);
        List<WrittenReport> out = new ArrayList<>();
        for (String runId : ledger.runIds()) {
            out.add(files.write(SessionReport.of(ledger.run(runId).orElseThrow())));
        }
        return out;
    }

    private List<Consumed> readConsumed() {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (EventLogReader reader = new EventLogReader(bootstrapServers, topic,
                "taskstream-replay-" + UUID.randomUUID(), codec)) {
            List<Consumed> out = new ArrayList<>();
            if (!reader.assignAll()) {
                poisonSkipped = 0;
                return out;
            }
            Map<TopicPartition, Long> end = reader.endOffsets();
            while (!reader.reached(end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
                }
                out.addAll(reader.poll(POLL));
            }
            poisonSkipped = reader.poisonSkipped();
            return out;
        }
    }
}
