package io.taskstream.runtime.kafka;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.Envelope;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes envelopes keyed by their subject, idempotent and acknowledged by all in-sync replicas.
 *
 * <p>A publish is either durable or known to have failed: the producer gives a record up
 * ({@code delivery.timeout.ms}) before {@link #publishAndWait} stops waiting for it, so a record reported
 * failed ({@link NotPublishedException}) is never written afterwards by a retry in the background. It may
 * still have been written before the failure was reported (the broker appended it and the acknowledgement
 * was lost): whoever acts on a failure reads the partition up to its end first (see
 * {@link io.taskstream.runtime.work.TaskDispatch}).
 */
public final class EventPublisher implements AutoCloseable {
    /** How long the producer keeps trying one record, from send to giving up. */
    public static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(6);
    private static final int LINGER_MS = 1;
    /** What the wait adds to the delivery timeout: the producer's own verdict always comes first. */
    private static final Duration VERDICT_MARGIN = Duration.ofSeconds(10);
    private static final Duration ACK_WAIT = DELIVERY_TIMEOUT.plus(VERDICT_MARGIN);

    private final KafkaProducer<String, byte[]> producer;
    private final EventCodec codec;
    private final Duration ackWait;
    private volatile io.taskstream.runtime.metrics.Meters meters = io.taskstream.runtime.metrics.Meters.NONE;

    public EventPublisher(String bootstrapServers, String clientId, EventCodec codec) {
        this(bootstrapServers, clientId, codec, DELIVERY_TIMEOUT);
    }

    /** @param deliveryTimeout how long a record is tried before it is given up (tests shorten it) */
    public EventPublisher(String bootstrapServers, String clientId, EventCodec codec, Duration deliveryTimeout) {
        this(bootstrapServers, clientId, codec, deliveryTimeout, Map.of());
    }

    /** @param extra client properties of the deployment (TLS, SASL; see {@link ClientProperties}) */
    public EventPublisher(String bootstrapServers, String clientId, EventCodec codec, Map<String, String> extra) {
        this(bootstrapServers, clientId, codec, DELIVERY_TIMEOUT, extra);
    }

    private EventPublisher(String bootstrapServers, String clientId, EventCodec codec, Duration deliveryTimeout,
                           Map<String, String> extra) {
        Duration request = deliveryTimeout.compareTo(REQUEST_TIMEOUT.multipliedBy(2)) >= 0 ? REQUEST_TIMEOUT
                : deliveryTimeout.dividedBy(2);
        Properties p = ClientProperties.base(extra);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        // delivery.timeout.ms >= linger.ms + request.timeout.ms, or the producer refuses the configuration.
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) request.toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
        // send() itself blocks while it has no metadata for the topic: bounded too, within the wait.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, request.toMillis());
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.codec = codec;
        this.ackWait = deliveryTimeout.plus(VERDICT_MARGIN);
    }

    /** Counts what this publisher publishes in {@code meters}; the service's other parts find them here. */
    public EventPublisher measuredBy(io.taskstream.runtime.metrics.Meters meters) {
        this.meters = meters;
        return this;
    }

    /** Where this publisher's service records its measurements ({@link io.taskstream.runtime.metrics.Meters#NONE} by default). */
    public io.taskstream.runtime.metrics.Meters meters() {
        return meters;
    }

    /** The header that marks a record as a structured-mode CloudEvent in the CloudEvents Kafka binding. */
    public static final String CONTENT_TYPE = "content-type";
    public static final String STRUCTURED = "application/cloudevents+json; charset=UTF-8";

    public CompletableFuture<RecordMetadata> publish(String topic, Envelope<?> event) {
        return publish(topic, event, codec.encode(event));
    }

    /** As {@link #publish(String, Envelope)}, with the event already encoded (by a caller that measured its size). */
    public CompletableFuture<RecordMetadata> publish(String topic, Envelope<?> event, byte[] encoded) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.key(), encoded);
        record.headers().add(CONTENT_TYPE, STRUCTURED.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return send(record).whenComplete((meta, error) -> {
            if (error == null) {
                meters.published(event.type());
            }
        });
    }

    /** Sends a record as is; dead letters keep the original bytes. */
    public CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
        producer.send(record, (meta, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else {
                done.complete(meta);
            }
        });
        return done;
    }

    /** Publishes and waits for the broker's acknowledgement: what a handler calls before its offset may move. */
    /**
     * @throws NotPublishedException the producer gave the record up: it will not be written later
     * @throws PublishException      the outcome is not known (interrupted while waiting)
     */
    public RecordMetadata publishAndWait(String topic, Envelope<?> event) {
        return await(publish(topic, event), ackWait);
    }

    /** Waits for an acknowledgement of this class's producers, as {@link #publishAndWait} does. */
    public static RecordMetadata await(CompletableFuture<RecordMetadata> ack) {
        return await(ack, ACK_WAIT);
    }

    private static RecordMetadata await(CompletableFuture<RecordMetadata> ack, Duration wait) {
        try {
            return ack.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while publishing: the record may still be written", e);
        } catch (ExecutionException e) {
            throw new NotPublishedException("publishing failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            // Not expected: the producer reports every record within its delivery timeout, shorter than the wait.
            throw new PublishException("no answer from the producer within " + wait.toSeconds()
                    + " s: the record may still be written", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /**
     * An event may not have been published; the handler's offsets do not move, so the input is handled again.
     * Whether it was written is not known: it may be, even later.
     */
    public static class PublishException extends RuntimeException {
        PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The producer gave the record up: it is not written from now on. It may have been written before (an
     * acknowledgement lost on the way), so the partition has to be read to its current end to know.
     */
    public static final class NotPublishedException extends PublishException {
        NotPublishedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
