package io.taskstream.scanner;

import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.data.ScanRequested;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Topics;
import io.taskstream.runtime.kafka.EventPublisher;

import java.net.URI;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Asks the scanner for a scan: what the CLI and the webhooks do. Each request starts a run. */
public final class ScanRequests {
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final EventPublisher publisher;
    private final Topics topics;
    private final URI source;

    public ScanRequests(EventPublisher publisher, Topics topics, URI source) {
        this.publisher = publisher;
        this.topics = topics;
        this.source = source;
    }

    /** A run id people can read and sort: the time, then a random suffix. */
    public static String newRunId() {
        return LocalDateTime.now(ZoneOffset.UTC).format(RUN_STAMP) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Publishes scan.requested for a new run and waits for the broker's acknowledgement. */
    public void request(String runId, String trigger, boolean full, ExecutionOptions options) {
        publisher.publishAndWait(topics.events(),
                Envelope.of(source, runId, runId, new ScanRequested("", "", full, trigger, options)));
    }
}
