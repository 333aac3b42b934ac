package io.taskstream.runtime.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * Sends what cannot be handled to the dead-letter topic, bytes unchanged, with the reason in headers; a record
 * that was a structured CloudEvent stays one (its {@code content-type} header goes along).
 */
public final class DeadLetters {
    public static final String REASON = "taskstream.dlt.reason";
    public static final String ORIGIN = "taskstream.dlt.origin";
    public static final String CONSUMER = "taskstream.dlt.consumer";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final EventPublisher publisher;
    private final String topic;
    private final String consumer;

    public DeadLetters(EventPublisher publisher, String topic, String consumer) {
        this.publisher = publisher;
        this.topic = topic;
        this.consumer = consumer;
    }

    public void send(ConsumerRecord<String, byte[]> record, String reason) {
        RecordHeaders headers = headers(reason, record.topic() + "/" + record.partition() + "@" + record.offset());
        Header contentType = record.headers().lastHeader(EventPublisher.CONTENT_TYPE);
        if (contentType != null) {
            headers.add(contentType);
        }
        LOG.warn("dead-lettering {}/{}@{} for {}: {}", record.topic(), record.partition(), record.offset(), consumer, reason);
        EventPublisher.await(publisher.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers)));
        publisher.meters().deadLettered(consumer);
    }

    /**
     * Puts an event whose work is given up on the dead-letter topic too (a criterion that exhausted its
     * attempts), so that the topic lists everything that needs a person, whatever the cause.
     */
    public void send(io.taskstream.events.envelope.Envelope<?> event, byte[] encoded, String reason) {
        LOG.warn("dead-lettering {} of {} for {}: {}", event.type(), event.subject(), consumer, reason);
        RecordHeaders headers = headers(reason, "event " + event.id());
        headers.add(EventPublisher.CONTENT_TYPE, EventPublisher.STRUCTURED.getBytes(StandardCharsets.UTF_8));
        EventPublisher.await(publisher.send(new ProducerRecord<>(topic, null, event.key(), encoded, headers)));
        publisher.meters().deadLettered(consumer);
    }

    private RecordHeaders headers(String reason, String origin) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(ORIGIN, origin.getBytes(StandardCharsets.UTF_8));
        headers.add(CONSUMER, consumer.getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
