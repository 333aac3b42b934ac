package io.taskstream.runtime.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.taskstream.runtime.metrics.Meters;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** taskstream.consumer.lag: the records of a group's partitions that are not done yet. */
class PartitionedConsumerLagTest extends KafkaTestSupport {
    private static final int EVENTS = 12;

    @Test
    void theLagCountsWhatWasPublishedUntilTheWorkersAreDoneWithIt() throws Exception {
        for (int i = 0; i < EVENTS; i++) {
            publish("TASK-" + i);
        }
        CountDownLatch release = new CountDownLatch(1);
        Recorder held = new Recorder(call -> {
            try {
                assertThat(release.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return call.nextOffset();
        });
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (PartitionedConsumer consumer = new PartitionedConsumer(kafka.bootstrapServers(), group, newClientId(),
                topics.events(), 3, CODEC, new DeadLetters(publisher, topics.deadLetter(), "test-consumer"), held)
                .measuredBy(new Meters(registry)).start()) {
            Gauge lag = registry.get("taskstream.consumer.lag").tag("group", group).tag("topic", topics.events())
                    .gauge();

            await().atMost(WAIT).untilAsserted(() -> assertThat(lag.value()).isEqualTo(EVENTS));
            assertThat(consumer.lag()).isEqualTo(EVENTS);

            release.countDown();
            await().atMost(WAIT).untilAsserted(() -> assertThat(lag.value()).isZero());
            assertThat(held.total()).isEqualTo(EVENTS);
        }
    }

    @Test
    void membersOfOneGroupAddUpAndAStoppedMemberCountsNoMore() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Meters meters = new Meters(registry);
        Meters.Registration first = meters.consumerLag("g", "t", () -> 3);
        Meters.Registration second = meters.consumerLag("g", "t", () -> 4);
        meters.consumerLag("other", "t", () -> 100);
        Gauge lag = registry.get("taskstream.consumer.lag").tag("group", "g").gauge();

        assertThat(lag.value()).isEqualTo(7);
        second.close();
        assertThat(lag.value()).isEqualTo(3);
        first.close();
        assertThat(lag.value()).isZero();
    }
}
