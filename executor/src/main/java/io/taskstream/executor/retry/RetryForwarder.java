package io.taskstream.executor.retry;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.codec.PoisonEventException;
import io.taskstream.events.data.CriterionRetry;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.runtime.kafka.DeadLetters;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.runtime.kafka.TransientKafkaErrors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Holds retries on the retry topic until they are due, then forwards them, unchanged, to the event log
 * where the task's executor picks them up in order. A partition whose next retry is not due is paused and
 * rewound, never slept on; nothing on the event log waits for it.
 */
public final class RetryForwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetryForwarder.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<String, byte[]> consumer;
    private final EventPublisher publisher;
    private final DeadLetters deadLetters;
    private final EventCodec codec;
    private final String retryTopic;
    private final String eventsTopic;
    private final Clock clock;
    private final Map<TopicPartition, Instant> pausedUntil = new HashMap<>();
    private final Thread loop;
    private final String groupId;
    private volatile boolean running = true;
    private volatile Map<String, String> logContext = Map.of();
    private volatile long lag;
    private volatile io.taskstream.runtime.metrics.Meters.Registration lagGauge = () -> { };

    public RetryForwarder(String bootstrapServers, String groupId, String clientId, String retryTopic,
                          String eventsTopic, EventPublisher publisher, DeadLetters deadLetters, EventCodec codec,
                          Clock clock) {
        this(bootstrapServers, groupId, clientId, retryTopic, eventsTopic, publisher, deadLetters, codec, clock,
                Map.of());
    }

    /** @param extra client properties (TLS, SASL) added to the forwarder's own settings, which win */
    public RetryForwarder(String bootstrapServers, String groupId, String clientId, String retryTopic,
                          String eventsTopic, EventPublisher publisher, DeadLetters deadLetters, EventCodec codec,
                          Clock clock, Map<String, String> extra) {
        Properties p = new Properties();
        p.putAll(extra);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.groupId = groupId;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.codec = codec;
        this.retryTopic = retryTopic;
        this.eventsTopic = eventsTopic;
        this.clock = clock;
        this.loop = new Thread(this::run, clientId + "-retry");
    }

    /**
     * Exports the retries waiting on the retry topic (its log end minus where forwarding stands, as this consumer
     * knows it locally) as {@code taskstream.consumer.lag} with this group's and the retry topic's tags. Call
     * before {@link #start}.
     */
    public RetryForwarder measuredBy(io.taskstream.runtime.metrics.Meters meters) {
        lagGauge.close();
        lagGauge = meters.consumerLag(groupId, retryTopic, () -> lag);
        return this;
    }

    /**
     * What every line the forwarder logs carries (service, instance), as its executor's consumer does. Call before
     * {@link #start}.
     */
    public RetryForwarder loggingAs(String service, String instance) {
        this.logContext = io.taskstream.runtime.logging.LogContext.service(service, instance);
        return this;
    }

    public RetryForwarder start() {
        loop.start();
        return this;
    }

    private void run() {
        io.taskstream.runtime.logging.LogContext.install(logContext);
        consumer.subscribe(List.of(retryTopic));
        try {
            while (running) {
                resumeDue();
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(POLL);
                } catch (WakeupException e) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
                try {
                    for (TopicPartition tp : records.partitions()) {
                        forward(tp, records.records(tp), commits);
                    }
                    if (!commits.isEmpty()) {
                        consumer.commitSync(commits);
                    }
                } catch (RuntimeException e) {
                    TransientKafkaErrors.rethrowUnlessTransient(e);
                    // Read again what was not forwarded; what was, may be forwarded twice: executors fold retries.
                    LOG.warn("retries not forwarded for a moment: {}; going on", e.toString());
                    rewind(records, commits);
                }
                measureLag();
            }
        } catch (RuntimeException e) {
            LOG.error("retry forwarder stopped", e);
        } finally {
            lagGauge.close();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Back to the first record of each partition that was not forwarded, unless a due time already moved it. */
    private void rewind(ConsumerRecords<String, byte[]> records, Map<TopicPartition, OffsetAndMetadata> forwarded) {
        for (TopicPartition tp : records.partitions()) {
            if (!pausedUntil.containsKey(tp) && consumer.assignment().contains(tp)) {
                OffsetAndMetadata done = forwarded.get(tp);
                consumer.seek(tp, done != null ? done.offset() : records.records(tp).get(0).offset());
            }
        }
    }

    /** A waiting retry is sought back to, so the position is the first one not forwarded; no call to the broker. */
    private void measureLag() {
        long sum = 0;
        for (TopicPartition tp : consumer.assignment()) {
            sum += consumer.currentLag(tp).orElse(0);
        }
        lag = sum;
    }

    private void forward(TopicPartition tp, List<ConsumerRecord<String, byte[]>> records,
                         Map<TopicPartition, OffsetAndMetadata> commits) {
        for (ConsumerRecord<String, byte[]> r : records) {
            Instant due;
            try {
                Envelope<?> event = codec.decode(r.value());
                if (!(event.data() instanceof CriterionRetry retry)) {
                    throw new PoisonEventException("the retry topic holds only criterion.retry, not " + event.type());
                }
                due = retry.dueAt();
            } catch (PoisonEventException e) {
                deadLetters.send(r, e.getMessage());
                commits.put(tp, new OffsetAndMetadata(r.offset() + 1));
                continue;
            }
            if (due.isAfter(clock.instant())) {
                consumer.pause(List.of(tp));
                consumer.seek(tp, r.offset());
                pausedUntil.put(tp, due);
                return;
            }
            // headers too: content-type is what marks the record as a structured CloudEvent
            EventPublisher.await(publisher.send(new ProducerRecord<>(eventsTopic, null, r.key(), r.value(),
                    new RecordHeaders(r.headers().toArray()))));
            commits.put(tp, new OffsetAndMetadata(r.offset() + 1));
        }
    }

    private void resumeDue() {
        Instant now = clock.instant();
        pausedUntil.entrySet().removeIf(e -> {
            if (!e.getValue().isAfter(now)) {
                if (consumer.assignment().contains(e.getKey())) {
                    consumer.resume(List.of(e.getKey()));
                }
                return true;
            }
            return false;
        });
    }

    @Override
    public void close() {
        running = false;
        if (!loop.isAlive()) {
            return;
        }
        consumer.wakeup();
        try {
            loop.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
