package io.taskstream.runtime.kafka;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.TaskInvalid;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.kafka.embedded.EmbeddedKafka;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

class ScratchRaceTest {
    static volatile long sink;
    static final AtomicInteger commitsAtOnce = new AtomicInteger();
    @Test
    void race() {
        EventCodec codec = new EventCodec();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             EventPublisher pub = new EventPublisher(kafka.bootstrapServers(), "p", codec)) {
            Topics topics = Topics.withPrefix("race");
            TopicSetup.ensure(kafka.bootstrapServers(), topics, 3, (short) 1);
            AtomicInteger seen = new AtomicInteger();
            PartitionedConsumer c = new PartitionedConsumer(kafka.bootstrapServers(), "g", "c", topics.events(), 3, codec,
                    new DeadLetters(pub, topics.deadLetter(), "x"), tp -> (batch, next, caughtUp) -> {
                        long x = 0; for (int i = 0; i < 300_000 * tp.partition(); i++) x += i ^ (x >>> 3);
                        sink = x; seen.addAndGet(batch.size());
                        return next;
                    }).start();
            int waves = 400;
            int n = 0;
            for (int w = 0; w < waves; w++) {
                java.util.List<CompletableFuture<?>> fs = new java.util.ArrayList<>();
                for (int k = 0; k < 6; k++) {
                    fs.add(pub.publish(topics.events(), Envelope.of(Source.of("t", "1"), "TASK-" + k, "r",
                        new TaskInvalid("p", 0, "x", "c"))));
                    n++;
                }
                fs.forEach(CompletableFuture::join);
                final int expect = n;
                await().atMost(Duration.ofSeconds(10)).until(() -> seen.get() >= expect);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> seen.get() >= 0);
            c.close();
        }
    }
}
