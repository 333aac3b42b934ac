package io.taskstream.runtime.kafka;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.TaskInvalid;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.kafka.embedded.EmbeddedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A publish while the broker is down ends as a known failure within the bounded wait, and the producer does
 * not write that record later, when the broker is back (a restart on the same log and port).
 */
class PublishDuringBrokerOutageTest {
    private static final EventCodec CODEC = new EventCodec();

    @Test
    void aPublishThatFailedDuringAnOutageIsNeverWrittenAfterTheBrokerIsBack() {
        Topics topics = Topics.withPrefix("outage");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             EventPublisher publisher = new EventPublisher(kafka.bootstrapServers(), "outage-publisher", CODEC)) {
            TopicSetup.ensure(kafka.bootstrapServers(), topics, 1, (short) 1);
            Envelope<TaskInvalid> before = event("before");
            Envelope<TaskInvalid> lost = event("lost");
            Envelope<TaskInvalid> after = event("after");
            publisher.publishAndWait(topics.events(), before);

            kafka.shutdownBroker();
            long started = System.nanoTime();
            assertThatThrownBy(() -> publisher.publishAndWait(topics.events(), lost))
                    .isInstanceOf(EventPublisher.NotPublishedException.class);
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(waited).isLessThan(EventPublisher.DELIVERY_TIMEOUT.plusSeconds(10));

            kafka.restartBroker();
            // The same producer, which would still be retrying "lost" if it had not given it up: its records
            // keep their order, so "lost" would land before "after".
            RecordMetadata last = publisher.publishAndWait(topics.events(), after);

            assertThat(readUpTo(kafka, new TopicPartition(topics.events(), 0), last.offset() + 1))
                    .containsExactly(before.id(), after.id());
        }
    }

    private static Envelope<TaskInvalid> event(String what) {
        return Envelope.of(Source.of("test", "1"), "TASK-1", "run-1", new TaskInvalid("tasks/" + what + ".md", 0, "p", "c"));
    }

    /** The event ids of the partition's records before {@code end}. */
    private static List<String> readUpTo(EmbeddedKafka kafka, TopicPartition tp, long end) {
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    ids.add(CODEC.decode(r.value()).id());
                }
                return c.position(tp) >= end;
            });
        }
        return ids;
    }
}
