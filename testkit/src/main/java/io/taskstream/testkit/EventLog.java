package io.taskstream.testkit;

import io.taskstream.events.data.EventData;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.runtime.kafka.Consumed;
import io.taskstream.runtime.kafka.EventTail;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * Reads a topic from the beginning through an {@link EventTail} (no group), decoding every record: what tests
 * assert on when they check what the services published.
 */
public final class EventLog implements AutoCloseable {
    public static final Duration DEADLINE = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final EventTail tail;
    private final List<Envelope<EventData>> seen = new ArrayList<>();

    public EventLog(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, false);
    }

    /** @param poisonExpected the test put undecodable records on the topic itself: skip them */
    public EventLog(String bootstrapServers, String topic, boolean poisonExpected) {
        this.bootstrapServers = bootstrapServers;
        this.tail = EventTail.open(bootstrapServers, topic, EventTail.Start.BEGINNING, (record, problem) -> {
            if (!poisonExpected) {
                throw new AssertionError("a service published an undecodable event", problem);
            }
        });
    }

    /** Everything read so far, after reading what has arrived since the last call. */
    public synchronized List<Envelope<EventData>> events() {
        return List.copyOf(poll());
    }

    /** The payloads of one type read so far. */
    public <T extends EventData> List<T> of(Class<T> type) {
        return events().stream().map(Envelope::data).filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits until at least {@code count} events match, and returns every match. */
    public synchronized List<Envelope<EventData>> awaitMatching(Predicate<Envelope<EventData>> which, int count) {
        await().atMost(DEADLINE).pollInSameThread().pollInterval(Duration.ofMillis(50))
                .until(() -> poll().stream().filter(which).count() >= count);
        return seen.stream().filter(which).toList();
    }

    /** Everything published so far: reads until every partition's end offset as of now. */
    public synchronized List<Envelope<EventData>> readToEnd() {
        Map<TopicPartition, Long> ends = tail.endOffsets();
        await().atMost(DEADLINE).pollInSameThread().pollInterval(Duration.ofMillis(10)).until(() -> {
            poll();
            return tail.reached(ends);
        });
        return List.copyOf(seen);
    }

    /** Waits until the consumer group has committed past a record: its handler is done with it. */
    public void awaitHandled(String group, RecordMetadata record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS).get(tp);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }

    /** The payloads of one run's events of one type. */
    public static <D extends EventData> List<D> data(List<Envelope<EventData>> events, String runId, Class<D> type) {
        return events.stream().filter(e -> e.runId().equals(runId) && type.isInstance(e.data()))
                .map(e -> type.cast(e.data())).toList();
    }

    private List<Envelope<EventData>> poll() {
        tail.poll(Duration.ofMillis(100), (Consumed c) -> seen.add(c.event()));
        return seen;
    }

    @Override
    public synchronized void close() {
        tail.close();
    }
}
