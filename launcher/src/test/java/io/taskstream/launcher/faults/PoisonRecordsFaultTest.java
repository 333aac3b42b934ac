package io.taskstream.launcher.faults;

import io.taskstream.events.envelope.Topics;
import io.taskstream.executor.ExecutorVerticle;
import io.taskstream.launcher.pipeline.Service;
import io.taskstream.runtime.kafka.DeadLetters;
import io.taskstream.scanner.ScannerVerticle;
import io.taskstream.testkit.EventLog;
import io.taskstream.verifier.VerifierVerticle;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Case 4: records no service can decode on every partition of every consumed topic (the event log, which also
 * carries scan requests, and the retry topic). Each is dead-lettered with a reason by every consumer group that
 * reads it, and a task requested after them runs to the end.
 */
@Tag("fault")
@ExtendWith(CaseTimer.class)
class PoisonRecordsFaultTest {
    private static final String PREFIX = "poison";
    private static final int PARTITIONS = 12;
    private static final String WRONG_TYPE = """
            {"specversion":"1.0","id":"poison-1","source":"/test/poison","type":"io.taskstream.nonsense.v1",
             "subject":"TASK-001","time":"2026-01-01T00:00:00Z","runid":"run-poison","datacontenttype":"application/json",
             "data":{"criterion":1}}""";
    private static final String WRONG_SHAPE = """
            {"specversion":"1.0","id":"poison-2","source":"/test/poison","type":"io.taskstream.criterion.completed.v1",
             "subject":"TASK-001","time":"2026-01-01T00:00:00Z","runid":"run-poison","datacontenttype":"application/json",
             "data":{"criterion":"not a number","attempt":[]}}""";

    @Test
    void undecodableRecordsAreDeadLetteredWithAReasonAndTheConsumersGoOn(@TempDir Path tmp) throws Exception {
        String bootstrap = SharedBroker.bootstrapServers();
        Topics topics = Topics.withPrefix(PREFIX);
        CountingRepo repo = CountingRepo.create(tmp.resolve("repo"), 1, 2, "0", Map.of());
        Random random = new Random(4);
        byte[] garbage = new byte[512];
        random.nextBytes(garbage);
        byte[] nearLimit = new byte[1_000_000];
        random.nextBytes(nearLimit);
        byte[] overLimit = new byte[1_200_000];
        random.nextBytes(overLimit);

        try (InProcessPipeline pipeline = new InProcessPipeline(InProcessPipeline.config(bootstrap, PREFIX, repo, tmp, 1,
                null), EnumSet.allOf(Service.class));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024), new StringSerializer(), new ByteArraySerializer())) {
            Map<String, String> poison = new LinkedHashMap<>(); // origin "topic/partition@offset" to kind
            List<String> refused = new ArrayList<>();
            for (String topic : List.of(topics.events(), topics.retry())) {
                for (int p = 0; p < PARTITIONS; p++) {
                    Map<String, byte[]> kinds = new LinkedHashMap<>();
                    kinds.put("empty value", new byte[0]);
                    kinds.put("null value", null);
                    kinds.put("garbage bytes", garbage);
                    kinds.put("unknown event type", WRONG_TYPE.getBytes(StandardCharsets.UTF_8));
                    kinds.put("payload of the wrong shape", WRONG_SHAPE.getBytes(StandardCharsets.UTF_8));
                    if (p == 0) {
                        kinds.put("1,000,000 garbage bytes", nearLimit);
                        kinds.put("1,200,000 garbage bytes (over the broker's 1 MiB limit)", overLimit);
                    }
                    for (Map.Entry<String, byte[]> k : kinds.entrySet()) {
                        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, p, "TASK-001", k.getValue());
                        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
                        try {
                            RecordMetadata m = producer.send(record).get(30, TimeUnit.SECONDS);
                            poison.put(m.topic() + "/" + m.partition() + "@" + m.offset(), k.getKey());
                        } catch (ExecutionException e) {
                            if (!(e.getCause() instanceof RecordTooLargeException)) {
                                throw e;
                            }
                            refused.add(topic + "/" + p + ": " + k.getKey());
                        }
                    }
                }
            }
            System.out.println("poison records sent: " + poison.size() + "; refused by the broker: " + refused);

            String runId = InProcessPipeline.requestScan(bootstrap, PREFIX);
            try (EventLog log = InProcessPipeline.eventLog(bootstrap, topics.events(), true)) {
                InProcessPipeline.awaitTasksDone(log, runId, 1, Duration.ofMinutes(2));
                assertThat(repo.tasksNotDone()).as("the good task after the poison").isEmpty();
            }

            Set<String> groups = Set.of(ExecutorVerticle.group(PREFIX), VerifierVerticle.group(PREFIX), ScannerVerticle.group(PREFIX));
            Map<String, Set<String>> expected = new HashMap<>();
            poison.forEach((origin, kind) -> expected.put(origin, origin.startsWith(topics.events() + "/") ? groups
                    : Set.of(ExecutorVerticle.group(PREFIX))));
            Map<String, Set<String>> deadLettered = new HashMap<>();
            List<String> withoutReason = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> dlt = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> parts = dlt.partitionsFor(topics.deadLetter()).stream()
                        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
                dlt.assign(parts);
                dlt.seekToBeginning(parts);
                try {
                    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> {
                        for (ConsumerRecord<String, byte[]> r : dlt.poll(Duration.ofMillis(200))) {
                            String origin = header(r, DeadLetters.ORIGIN);
                            if (header(r, DeadLetters.REASON).isBlank()) {
                                withoutReason.add(origin);
                            }
                            deadLettered.computeIfAbsent(origin, o -> new HashSet<>()).add(header(r, DeadLetters.CONSUMER));
                        }
                        return expected.entrySet().stream().allMatch(e ->
                                deadLettered.getOrDefault(e.getKey(), Set.of()).containsAll(e.getValue()));
                    });
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    List<String> missing = expected.entrySet().stream()
                            .filter(x -> !deadLettered.getOrDefault(x.getKey(), Set.of()).containsAll(x.getValue()))
                            .map(x -> x.getKey() + " (" + poison.get(x.getKey()) + "): dead-lettered by "
                                    + deadLettered.getOrDefault(x.getKey(), Set.of()) + ", expected " + x.getValue())
                            .sorted().toList();
                    throw new AssertionError(missing.size() + " poison records not dead-lettered by every consumer:\n"
                            + String.join("\n", missing), e);
                }
            }
            assertThat(withoutReason).as("dead letters without a reason").isEmpty();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
