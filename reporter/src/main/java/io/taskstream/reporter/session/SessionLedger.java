package io.taskstream.reporter.session;

import io.taskstream.events.data.EventData;
import io.taskstream.events.envelope.Envelope;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fold of the whole event log, over every run and every partition, keyed by run id. Events of different
 * tasks arrive in no particular order relative to each other; each task's own events arrive in order. An
 * event whose id was seen before is ignored. Not thread-safe: one thread folds.
 */
public final class SessionLedger {
    private final Map<String, RunLedger> runs = new LinkedHashMap<>();

    /**
     * Folds one event whose log offset is unknown.
     *
     * @return false when the event was a duplicate
     */
    public boolean apply(Envelope<? extends EventData> event) {
        return apply(event, -1);
    }

    /**
     * Folds one event read at {@code offset} of its partition.
     *
     * @return false when the event was a duplicate
     */
    public boolean apply(Envelope<? extends EventData> event, long offset) {
        return runs.computeIfAbsent(event.runId(), RunLedger::new).apply(event, offset);
    }

    /** Run ids in the order their first event was read. */
    public Collection<String> runIds() {
        return Collections.unmodifiableCollection(runs.keySet());
    }

    public Optional<RunLedger> run(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    /** See {@link RunLedger#finished()}; false for a run never seen. */
    public boolean finished(String runId) {
        RunLedger run = runs.get(runId);
        return run != null && run.finished();
    }
}
