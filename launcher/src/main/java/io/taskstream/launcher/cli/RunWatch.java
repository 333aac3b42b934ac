package io.taskstream.launcher.cli;

import io.taskstream.events.data.EventData;
import io.taskstream.events.data.TaskInvalid;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.reporter.report.SessionReport;
import io.taskstream.reporter.session.EventText;
import io.taskstream.reporter.session.RunLedger;
import io.taskstream.reporter.session.SessionLedger;
import io.taskstream.reporter.session.TaskLedger;
import io.taskstream.runtime.kafka.Consumed;
import io.taskstream.runtime.kafka.EventTail;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Follows one run on the event log, for {@code demo}, {@code run --scan} and {@code scan --wait}: prints a line
 * per event of the run as it is read, {@code 09:30:12 [3/6 tasks, 9/14 criteria] TASK-002 criterion 3 started
 * (attempt 1): Image pushed}, and tells when the run is over, by folding its events exactly as the reporter does
 * (the same ledger, the same rule: finished, then read on to the end offsets of that moment). Counts: tasks that
 * reached their end (completed, blocked, withdrawn, planned) of those the scan listed ({@code ?} until the scan
 * completed); criteria that reached their end (met, failed for good, skipped) of those of tasks that became ready.
 *
 * <p>Open it before the run is requested: it reads from the end of the log as of opening.
 */
final class RunWatch implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final EventTail tail;
    private final PrintWriter out;
    private final RunFinished reporterHere;
    private final SessionLedger ledger = new SessionLedger();
    private final Set<String> tasksDone = new HashSet<>();
    /** Per task that became ready: its criteria that reached their end, and all of them. */
    private final Map<String, int[]> criteria = new HashMap<>();
    private int criteriaDone;
    private int criteriaTotal;
    private int population = -1;
    private String runId;
    private volatile boolean stopped;

    private RunWatch(EventTail tail, PrintWriter out, RunFinished reporterHere) {
        this.tail = tail;
        this.out = out;
        this.reporterHere = reporterHere;
    }

    /**
     * @param vertx the Vert.x of a reporter running in this process, whose written report the summary then names;
     *              {@code null} when the reporter runs elsewhere
     * @throws IllegalStateException when the topic does not exist
     */
    static RunWatch open(String bootstrapServers, String topic, PrintWriter out, Vertx vertx)
            throws InterruptedException, TimeoutException {
        return open(bootstrapServers, topic, out, vertx, java.util.Map.of());
    }

    /** @param kafka the deployment's Kafka client properties (TLS, SASL) */
    static RunWatch open(String bootstrapServers, String topic, PrintWriter out, Vertx vertx,
                         java.util.Map<String, String> kafka) throws InterruptedException, TimeoutException {
        EventTail tail = EventTail.open(bootstrapServers, topic, EventTail.Start.END, null, kafka);
        if (tail.partitions().isEmpty()) {
            tail.close();
            throw new IllegalStateException("no topic " + topic + " at " + bootstrapServers
                    + ": is the pipeline running, with this --topic-prefix?");
        }
        RunFinished finished = null;
        if (vertx != null) {
            finished = new RunFinished(vertx);
            Futures.await(finished.registered(), Duration.ofSeconds(10));
        }
        return new RunWatch(tail, out, finished);
    }

    /** The run to follow; call before it is requested. */
    void follow(String runId) {
        this.runId = runId;
        if (reporterHere != null) {
            reporterHere.expect(runId);
        }
    }

    /**
     * Prints progress until the run is over.
     *
     * @param timeout {@code null}: no limit
     * @return the run's end; empty when {@link #stop()} was called first
     * @throws TimeoutException when the run was not over within {@code timeout}
     */
    Optional<RunOutcome> await(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> endWhenFinished = null;
        try {
            while (!stopped) {
                if (System.nanoTime() - deadline > 0) {
                    throw new TimeoutException("the run was not over within " + timeout.toSeconds() + " s");
                }
                tail.poll(POLL, this::show);
                if (endWhenFinished == null && ledger.finished(runId)) {
                    endWhenFinished = tail.endOffsets();
                }
                if (endWhenFinished != null && tail.reached(endWhenFinished)) {
                    return Optional.of(outcome(deadline));
                }
            }
        } catch (WakeupException e) {
            // stop() was called
        }
        return Optional.empty();
    }

    private RunOutcome outcome(long deadline) throws InterruptedException, TimeoutException {
        RunLedger run = ledger.run(runId).orElseThrow();
        JsonObject written = null;
        if (reporterHere != null) {
            long left = Math.max(0, deadline - System.nanoTime());
            written = reporterHere.await(Duration.ofNanos(Math.min(left, Duration.ofDays(1).toNanos())));
        }
        return new RunOutcome(runId, SessionReport.of(run).summary(),
                written == null ? null : written.getString("markdown"),
                written == null ? null : written.getString("json"),
                written == null ? null : written.getString("html"));
    }

    /** Ends {@link #await} early; safe from any thread (a shutdown hook). */
    void stop() {
        stopped = true;
        try {
            tail.wakeup();
        } catch (IllegalStateException e) {
            // closed already: nothing to wake
        }
    }

    private void show(Consumed c) {
        Envelope<EventData> e = c.event();
        if (!e.runId().equals(runId) || !ledger.apply(e, c.offset())) {
            return;
        }
        RunLedger run = ledger.run(runId).orElseThrow();
        run.task(e.subject()).ifPresent(this::count);
        String text = EventText.describe(e);
        // Run-wide events are keyed by the run id, an invalid file by its path, which its text names already.
        String subject = e.subject().equals(runId) || e.data() instanceof TaskInvalid ? "" : e.subject() + " ";
        out.printf("%s %s %s%s%n", EventText.clock(e.time()), counts(run), subject, text);
        out.flush();
    }

    private void count(TaskLedger t) {
        if (t.terminal()) {
            tasksDone.add(t.taskId());
        }
        if (t.run() != null) {
            var list = t.run().criteria();
            int done = (int) list.stream().filter(p -> p.phase().terminal()).count();
            int[] before = criteria.put(t.taskId(), new int[]{done, list.size()});
            criteriaDone += done - (before == null ? 0 : before[0]);
            criteriaTotal += list.size() - (before == null ? 0 : before[1]);
        }
    }

    private String counts(RunLedger run) {
        if (population < 0 && run.scan() != null) {
            population = run.population().size();
        }
        return "[" + tasksDone.size() + "/" + (population < 0 ? "?" : population) + " tasks, "
                + criteriaDone + "/" + criteriaTotal + " criteria]";
    }

    @Override
    public void close() {
        tail.close();
    }
}
