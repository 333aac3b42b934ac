package io.taskstream.reporter.replay;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.EventData;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.reporter.log.LogScan;
import io.taskstream.reporter.report.ReportFiles;
import io.taskstream.reporter.report.SessionReport;
import io.taskstream.reporter.report.WrittenReport;
import io.taskstream.reporter.retro.RetroFold;
import io.taskstream.reporter.retro.Retrospective;
import io.taskstream.reporter.session.RunLedger;
import io.taskstream.reporter.session.SessionLedger;
import io.taskstream.runtime.kafka.Consumed;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the event log from offset 0 up to its end at the time of the call and rebuilds reports from it, for
 * retrospectives and the {@code report} and {@code replay} commands. It folds exactly as the live reporter does, so
 * a replayed report equals the one written while the run went on. It reads without a consumer group (partitions
 * assigned by hand, nothing committed), so it never joins or moves the pipeline's groups.
 */
public final class Replay {
    private final String bootstrapServers;
    private final String topic;
    private final Duration timeout;
    private final EventCodec codec = new EventCodec();
    private final Instant since;
    private final int decoders;
    private final Map<String, String> properties;
    private long poisonSkipped;

    /** A replay that gives up after 60 s. */
    public Replay(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, Duration.ofSeconds(60));
    }

    /** @param timeout how long one read of the log may take before it fails */
    public Replay(String bootstrapServers, String topic, Duration timeout) {
        this(bootstrapServers, topic, timeout, null, Runtime.getRuntime().availableProcessors(), Map.of());
    }

    private Replay(String bootstrapServers, String topic, Duration timeout, Instant since, int decoders,
                   Map<String, String> properties) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.timeout = timeout;
        this.since = since;
        this.decoders = decoders;
        this.properties = Map.copyOf(properties);
    }

    /**
     * The same replay reading only records whose Kafka timestamp (the time they were published) is at or after
     * {@code since}; a run that began earlier is then seen in part.
     */
    public Replay since(Instant since) {
        return new Replay(bootstrapServers, topic, timeout, since, decoders, properties);
    }

    /** The same replay whose consumer also gets the deployment's Kafka client properties (TLS, SASL). */
    public Replay withKafka(Map<String, String> properties) {
        return new Replay(bootstrapServers, topic, timeout, since, decoders, properties);
    }

    /** The same replay decoding on {@code decoders} threads (0: on the polling thread). */
    public Replay decoders(int decoders) {
        return new Replay(bootstrapServers, topic, timeout, since, decoders, properties);
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

    /**
     * Hands every event of the log (from {@code since}, when set) to {@code sink}, each partition in log order,
     * in one pass that reads the log up to its end offsets as of this call.
     *
     * @throws IllegalStateException when the log could not be read to its end within the timeout
     */
    public void forEach(Consumer<Consumed> sink) {
        LogScan scan = new LogScan(bootstrapServers, topic, codec, decoders, properties);
        scan.read(since, timeout, sink);
        poisonSkipped = scan.poisonSkipped();
    }

    /**
     * One pass over the log that folds every event into a retrospective and, when {@code runId} is given, that
     * run's events into its report.
     *
     * @param limit rows at most in each of the retrospective's lists
     */
    public Retrospection retrospective(String runId, int limit) {
        RetroFold fold = new RetroFold();
        SessionLedger ledger = new SessionLedger();
        forEach(c -> {
            fold.apply(c.event());
            if (runId != null && runId.equals(c.event().runId())) {
                ledger.apply(c.event(), c.offset());
            }
        });
        return new Retrospection(fold.retrospective(limit),
                runId == null ? Optional.empty() : ledger.run(runId).map(SessionReport::of));
    }

    /**
     * A retrospective across runs, and the report of the run asked for.
     *
     * @param report empty when no run was asked for or the log has no event of it
     */
    public record Retrospection(Retrospective retrospective, Optional<SessionReport> report) {
    }

    private List<Consumed> readConsumed() {
        List<Consumed> out = new ArrayList<>();
        forEach(out::add);
        return out;
    }
}
