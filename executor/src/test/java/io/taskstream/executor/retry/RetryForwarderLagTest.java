package io.taskstream.executor.retry;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.CriterionRetry;
import io.taskstream.events.data.FailureCause;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.kafka.embedded.EmbeddedKafka;
import io.taskstream.runtime.kafka.DeadLetters;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.runtime.metrics.Meters;
import io.taskstream.testkit.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The retries waiting on the retry topic are the forwarder's lag; forwarded, they are gone from it. */
class RetryForwarderLagTest {
    @Test
    void retriesNotDueYetAreItsLagUntilTheyAreForwarded() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Topics topics = Topics.withPrefix("retrylag");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             EventPublisher publisher = new EventPublisher(kafka.bootstrapServers(), "test", new EventCodec())) {
            kafka.createTopics(topics.layout(1));
            Instant due = clock.instant().plus(Duration.ofMinutes(10));
            for (int n = 1; n <= 2; n++) {
                publisher.publishAndWait(topics.retry(), Envelope.of(Source.of("test", "1"), "TASK-" + n, "run-1",
                        new CriterionRetry(1, "c", 2, due, FailureCause.RUN_FAILED)));
            }
            try (RetryForwarder forwarder = new RetryForwarder(kafka.bootstrapServers(), "lag-retry", "lag",
                    topics.retry(), topics.events(), publisher, new DeadLetters(publisher, topics.deadLetter(), "lag"),
                    new EventCodec(), clock).measuredBy(new Meters(registry)).start()) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lag(registry)).isEqualTo(2.0));

                clock.set(due.plusSeconds(1));

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lag(registry)).isZero());
            }
        }
    }

    private static double lag(SimpleMeterRegistry registry) {
        var gauge = registry.find("taskstream.consumer.lag").tag("group", "lag-retry").tag("topic", "retrylag.retry")
                .gauge();
        return gauge == null ? -1 : gauge.value();
    }
}
