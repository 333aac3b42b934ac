package io.taskstream.scanner.testing;

import io.taskstream.runtime.kafka.KafkaClientConfig;
import io.taskstream.scanner.ScannerConfig;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.EventData;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.data.ScanRequested;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.kafka.embedded.EmbeddedKafka;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.scanner.ScannerVerticle;
import io.taskstream.testkit.EventLog;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.utils.Utils;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The scanner service deployed against a broker on its own topics of {@value #PARTITIONS} partitions, and a
 * real git remote: tests publish requests and completions as the CLI and the verifier do, and read the log.
 */
public final class DeployedScanner implements AutoCloseable {
    public static final int PARTITIONS = 3;
    public static final URI TEST = Source.of("test", "1");

    private final EmbeddedKafka kafka;
    private final Path dir;
    private final String prefix = "scanner-" + UUID.randomUUID();
    private final Topics topics = Topics.withPrefix(prefix);
    private final GitRemote remote;
    private final EventPublisher publisher;
    private final EventLog log;
    private final Vertx vertx = Vertx.vertx();

    public DeployedScanner(EmbeddedKafka kafka, Path dir) throws Exception {
        this.kafka = kafka;
        this.dir = dir;
        kafka.createTopics(topics.layout(PARTITIONS));
        remote = GitRemote.init(dir);
        publisher = new EventPublisher(kafka.bootstrapServers(), "test", new EventCodec());
        log = new EventLog(kafka.bootstrapServers(), topics.events());
    }

    public GitRemote remote() {
        return remote;
    }

    public EventLog log() {
        return log;
    }

    public void deploy() throws Exception {
        ScannerConfig config = new ScannerConfig(KafkaClientConfig.of(kafka.bootstrapServers(), prefix), "scanner-a",
                remote.url(), "main", dir.resolve("scanner-cache"));
        vertx.deployVerticle(new ScannerVerticle(config))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** Publishes scan.requested as the CLI does; returns where it landed. */
    public RecordMetadata requestScan(String runId, boolean full, ExecutionOptions options) {
        return publish(runId, runId, new ScanRequested("", "", full, "test", options));
    }

    public RecordMetadata publish(String subject, String runId, EventData data) {
        return publisher.publishAndWait(topics.events(), Envelope.of(TEST, subject, runId, data));
    }

    /** Waits until the scanner's consumer group is past a record: it handled it and will not again. */
    public void awaitHandled(RecordMetadata record) {
        log.awaitHandled(ScannerVerticle.group(prefix), record);
    }

    /** The partition of the events topic a key's events go to (the producer's default partitioning). */
    public static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
        log.close();
        publisher.close();
        remote.close();
    }
}
