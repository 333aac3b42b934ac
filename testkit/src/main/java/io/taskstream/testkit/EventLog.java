package io.taskstream.testkit;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.codec.PoisonEventException;
import io.taskstream.events.data.EventData;
import io.taskstream.events.envelope.Envelope;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads a topic from the beginning, for assertions on what the services published. */
public final class EventLog implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final EventCodec codec = new EventCodec();
    private final List<Envelope<EventData>> events = new ArrayList<>();

    private final boolean poisonExpected;

    public EventLog(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, false);
    }

    /** @param poisonExpected the test put undecodable records on the topic itself: skip them */
    public EventLog(String bootstrapServers, String topic, boolean poisonExpected) {
        this.poisonExpected = poisonExpected;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
    }

    /** Everything read so far, after reading what has arrived since the last call. */
    public synchronized List<Envelope<EventData>> events() {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            try {
                events.add(codec.decode(r.value()));
            } catch (PoisonEventException e) {
                if (poisonExpected) {
                    continue;
                }
                throw new AssertionError("a service published an undecodable event", e);
            }
        }
        return List.copyOf(events);
    }

    public <T extends EventData> List<T> of(Class<T> type) {
        return events().stream().map(Envelope::data).filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
