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
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publishes envelopes keyed by their subject, idempotent and acknowledged by all in-sync replicas. */
public final class EventPublisher implements AutoCloseable {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, byte[]> producer;
    private final EventCodec codec;

    public EventPublisher(String bootstrapServers, String clientId, EventCodec codec) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.codec = codec;
    }

    /** The header that marks a record as a structured-mode CloudEvent in the CloudEvents Kafka binding. */
    public static final String CONTENT_TYPE = "content-type";
    public static final String STRUCTURED = "application/cloudevents+json; charset=UTF-8";

    public CompletableFuture<RecordMetadata> publish(String topic, Envelope<?> event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.key(), codec.encode(event));
        record.headers().add(CONTENT_TYPE, STRUCTURED.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return send(record);
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
    public RecordMetadata publishAndWait(String topic, Envelope<?> event) {
        return await(publish(topic, event));
    }

    public static RecordMetadata await(CompletableFuture<RecordMetadata> ack) {
        try {
            return ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishException("publishing failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /** An event could not be published; the handler's offsets do not move, so the input is handled again. */
    public static final class PublishException extends RuntimeException {
        PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
