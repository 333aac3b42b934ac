package io.taskstream.runtime.kafka;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Members joining and leaving while a worker is busy. */
class PartitionedConsumerRebalanceTest extends KafkaTestSupport {

    /** A worker that holds its first batch until released, then reports it done. */
    private static Recorder holdingFirstBatch(CountDownLatch entered, CountDownLatch release) {
        return new Recorder(call -> {
            if (entered.getCount() > 0) {
                entered.countDown();
                try {
                    assertThat(release.await(60, TimeUnit.SECONDS)).as("released").isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return call.nextOffset();
        });
    }

    private static boolean inStack(String threadName, String method) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().equals(threadName))
                .flatMap(e -> Arrays.stream(e.getValue()))
                .anyMatch(f -> f.getMethodName().equals(method));
    }

    /** Offsets of the partition handled after the held first batch, by either member, sorted. */
    private static List<Long> handledAfterFirstBatch(Recorder first, Recorder second, int partition) {
        return Stream.concat(first.calls.stream().skip(1), second.calls.stream())
                .filter(c -> c.partition() == partition && !c.failed())
                .flatMap(c -> c.batch().stream()).map(Consumed::offset).sorted().toList();
    }

    private static List<Long> expectedAfter(List<RecordMetadata> published, long from, RecordMetadata later) {
        return Stream.concat(published.stream(), Stream.of(later)).map(RecordMetadata::offset)
                .filter(o -> o >= from).toList();
    }

    @Test
    void aJoiningMemberWaitsForTheBusyWorkerAndNothingIsHandledTwice() {
        List<RecordMetadata> published = IntStream.range(0, 5).mapToObj(i -> publish("TASK-R")).toList();
        int partition = published.get(0).partition();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recorder first = holdingFirstBatch(entered, release);
        String firstId = newClientId();
        consume(firstId, first);
        await().atMost(WAIT).until(() -> entered.getCount() == 0);

        Recorder second = new Recorder();
        consume(second);
        await().atMost(WAIT).until(() -> inStack(firstId + "-poll", "onPartitionsRevoked"));
        release.countDown();
        await().atMost(WAIT).until(() -> first.total() >= 1);
        RecordMetadata later = publish("TASK-R");

        List<Long> expected = expectedAfter(published, first.calls.get(0).nextOffset(), later);
        await().atMost(WAIT).until(() -> handledAfterFirstBatch(first, second, partition).contains(later.offset()));
        assertThat(handledAfterFirstBatch(first, second, partition)).isEqualTo(expected);
    }

    @Test
    void closingAMemberWhileARebalanceWaitsForItsBusyWorkerStillCommitsWhatTheWorkerFinished() throws Exception {
        List<RecordMetadata> published = IntStream.range(0, 5).mapToObj(i -> publish("TASK-R")).toList();
        int partition = published.get(0).partition();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recorder first = holdingFirstBatch(entered, release);
        String firstId = newClientId();
        PartitionedConsumer member = consume(firstId, first);
        await().atMost(WAIT).until(() -> entered.getCount() == 0);

        // a second member joins: the first is asked to give its partitions up and waits for its worker
        Recorder second = new Recorder();
        consume(second);
        await().atMost(WAIT).until(() -> inStack(firstId + "-poll", "onPartitionsRevoked"));
        // meanwhile the first member is told to stop
        Thread closer = new Thread(() -> stop(member), "closer");
        closer.start();
        await().atMost(WAIT).until(() -> inStack("closer", "join"));
        release.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(90));

        RecordMetadata later = publish("TASK-R");
        List<Long> expected = expectedAfter(published, first.calls.get(0).nextOffset(), later);
        await().atMost(WAIT).until(() -> second.offsets().getOrDefault(partition, List.of()).contains(later.offset()));
        assertThat(second.offsets().get(partition)).as("starts after what the first member finished")
                .isEqualTo(expected);
    }
}
