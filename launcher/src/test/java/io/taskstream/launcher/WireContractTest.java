package io.taskstream.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.CriterionFailed;
import io.taskstream.events.data.CriterionStarted;
import io.taskstream.events.data.EventData;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.data.FailureCause;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.EventType;
import io.taskstream.events.envelope.Topics;
import io.taskstream.launcher.pipeline.PipelineConfig;
import io.taskstream.testkit.BrokerExtension;
import io.taskstream.testkit.EventSchemaValidator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The wire contract, checked on what a real pipeline published rather than on hand-written examples. Three runs
 * over one task repo — a dry run, a full run and an incremental run after a task file was deleted by hand —
 * produce every event type: {@code scan.requested}, {@code scan.completed}, {@code task.ready},
 * {@code task.waiting}, {@code task.invalid}, {@code task.planned} (dry run), {@code criterion.started},
 * {@code criterion.completed}, {@code criterion.verified}, {@code criterion.failed} (a run step that fails once,
 * then a failed verification, retried, then final), {@code criterion.retry}, {@code criterion.skipped} (needs a
 * person, a need that failed), {@code verification.failed} (a failed check, and no check at all),
 * {@code task.completed}, {@code task.blocked} and {@code task.withdrawn}. Every record of the events, retry and
 * dead-letter topics must carry {@code content-type: application/cloudevents+json}, be valid against the JSON
 * Schema of its type, and read back through the CloudEvents SDK's own Kafka deserializer in structured mode with
 * the id, type, subject and {@code runid} our codec reads.
 */
class WireContractTest {
    private static final String STRUCTURED = "application/cloudevents+json";
    private static final String OK = task("OK-1", "critical", "", """
            - [ ] Registry address written
              - run: `printf 'REGISTRY_URL=127.0.0.1:5000\\n' > registry.env`
              - verify: `grep -qx 'REGISTRY_URL=127.0.0.1:5000' registry.env`
            """);
    private static final String WAITS = task("WAIT-1", "high", "depends_on: [OK-1]\n", """
            - [ ] Registry address read back
              - run: `cp registry.env registry.copy`
              - verify: `test -s registry.copy`
            """);
    private static final String FLAKY = task("FLAKY-1", "high", "", """
            - [ ] Lock taken on the second try
              - run: `test -f flaky.once || { touch flaky.once; exit 3; }`
              - verify: `test -f flaky.once`
            """);
    private static final String TRAP = task("TRAP-1", "medium", "", """
            - [ ] Certificate regenerated
              - run: `echo regenerated`
              - verify: `grep -q 'IP:127.0.0.1' stale.san`
            - [ ] Trust store updated
              - needs: 1
              - run: `echo trusted`
              - verify: `true`
            """);
    private static final String HUMAN = task("HUMAN-1", "low", "", """
            - [ ] Change window agreed with the network team
            - [ ] Note written
              - run: `echo noted > note.txt`
            """);
    private static final String BROKEN = """
            ---
            id: BAD-1
            priority: urgent
            labels: [networking
            ---

            # BAD-1: Audit addresses
            """;

    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    private final EventCodec codec = new EventCodec();
    private final EventSchemaValidator schemas = new EventSchemaValidator();

    private static String task(String id, String priority, String extra, String criteria) {
        return "---\nid: " + id + "\ntitle: " + id + "\npriority: " + priority + "\nstatus: active\nlabels: [ops]\n"
                + extra + "---\n\n# " + id + "\n\n## Acceptance Criteria\n" + criteria + "\n## Progress Log\n";
    }

    @Test
    void everyRecordOfARealRunIsAValidStructuredCloudEvent(@TempDir Path tmp) throws Exception {
        TaskRepoFixture repo = TaskRepoFixture.create(tmp.resolve("repo"), Map.of(
                "tasks/active/OK-1.md", OK,
                "tasks/active/WAIT-1.md", WAITS,
                "tasks/active/FLAKY-1.md", FLAKY,
                "tasks/active/TRAP-1.md", TRAP,
                "tasks/active/HUMAN-1.md", HUMAN,
                "tasks/backlog/BAD-1.md", BROKEN));
        Path workspace = Files.createDirectories(tmp.resolve("workspace"));
        Files.writeString(workspace.resolve("stale.san"), "IP:127.0.0.9\n");
        PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), "wire", repo.url, "main", workspace,
                tmp.resolve("state"), tmp.resolve("reports"), 1, 2, 100, 3);
        Topics topics = Topics.withPrefix(config.topicPrefix());

        try (RunningPipeline runs = new RunningPipeline(config)) {
            runs.run(true, new ExecutionOptions(true, List.of(), false));
            runs.run(true, ExecutionOptions.defaults());
            deleteByHand(repo, "tasks/active/HUMAN-1.md");
            runs.run(false, ExecutionOptions.defaults());
        }

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        records.addAll(readAll(topics.events(), 1));
        records.addAll(readAll(topics.retry(), 1));
        records.addAll(readAll(topics.deadLetter(), 1));

        List<String> problems = new ArrayList<>();
        records.forEach(r -> problems.addAll(problemsOf(r)));
        assertThat(problems).as("records that break the wire contract").isEmpty();

        List<Envelope<EventData>> events = records.stream().map(r -> decode(r.value())).toList();
        assertThat(events.stream().map(Envelope::eventType).collect(Collectors.toCollection(
                () -> EnumSet.noneOf(EventType.class)))).as("event types the runs produced")
                .containsExactlyInAnyOrderElementsOf(EnumSet.allOf(EventType.class));
        assertThat(records.stream().filter(r -> r.topic().equals(topics.deadLetter())))
                .as("the criterion that failed its check for good is dead-lettered").isNotEmpty();
        assertVerificationFailuresNameTheAttemptThatWasChecked(events);
    }

    /** Each criterion.failed caused by a failed check carries the id of the attempt the verifier checked. */
    private static void assertVerificationFailuresNameTheAttemptThatWasChecked(List<Envelope<EventData>> events) {
        List<Envelope<EventData>> failures = events.stream().filter(e -> e.data() instanceof CriterionFailed f
                && f.cause() == FailureCause.VERIFICATION_FAILED).toList();
        assertThat(failures).as("TRAP-1's check failed on both attempts").hasSizeGreaterThanOrEqualTo(2);
        for (Envelope<EventData> e : failures) {
            CriterionFailed f = (CriterionFailed) e.data();
            Set<String> started = events.stream().filter(s -> s.runId().equals(e.runId())
                            && s.subject().equals(e.subject()) && s.data() instanceof CriterionStarted c
                            && c.criterion() == f.criterion() && c.attempt() == f.attempt())
                    .map(s -> ((CriterionStarted) s.data()).attemptId()).collect(Collectors.toSet());
            assertThat(started).as("%s criterion %d attempt %d", e.subject(), f.criterion(), f.attempt())
                    .containsExactly(f.attemptId());
        }
    }

    private List<String> problemsOf(ConsumerRecord<String, byte[]> r) {
        String where = r.topic() + "/" + r.partition() + "@" + r.offset();
        List<String> problems = new ArrayList<>();
        Header header = r.headers().lastHeader("content-type");
        String contentType = header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        // a media type may carry parameters (charset=UTF-8); the binding goes by the type
        if (contentType == null || !contentType.split(";")[0].trim().equalsIgnoreCase(STRUCTURED)) {
            problems.add(where + ": content-type header is " + (contentType == null ? "missing" : contentType));
        }
        Envelope<EventData> ours = decode(r.value());
        JsonNode json = readTree(r.value());
        schemas.validate(ours.eventType(), json).forEach(m -> problems.add(where + " " + ours.type() + ": " + m));
        if (!ours.eventType().schemaId().toString().equals(json.path("dataschema").asText())) {
            problems.add(where + ": dataschema " + json.path("dataschema") + " is not " + ours.eventType().schemaId());
        }
        try {
            Encoding encoding = KafkaMessageFactory.createReader(r.headers(), r.value()).getEncoding();
            if (encoding != Encoding.STRUCTURED) {
                problems.add(where + ": the CloudEvents Kafka binding reads it in " + encoding + " mode");
            }
            CloudEvent ce;
            try (CloudEventDeserializer sdk = new CloudEventDeserializer()) {
                ce = sdk.deserialize(r.topic(), r.headers(), r.value());
            }
            Object runId = ce.getExtension(EventCodec.RUN_ID);
            if (!ce.getId().equals(ours.id()) || !ce.getType().equals(ours.type())
                    || !ce.getSubject().equals(ours.subject()) || !ours.subject().equals(r.key())
                    || runId == null || !runId.toString().equals(ours.runId())) {
                problems.add(where + ": the SDK reads id " + ce.getId() + ", type " + ce.getType() + ", subject "
                        + ce.getSubject() + ", runid " + runId + " (key " + r.key() + "); our codec " + ours.id()
                        + ", " + ours.type() + ", " + ours.subject() + ", " + ours.runId());
            }
        } catch (RuntimeException e) {
            problems.add(where + " " + ours.type() + ": the CloudEvents Kafka deserializer cannot read it: " + e);
        }
        return problems;
    }

    private Envelope<EventData> decode(byte[] value) {
        try {
            return codec.decode(value);
        } catch (Exception e) {
            throw new AssertionError("a service published an undecodable record", e);
        }
    }

    private JsonNode readTree(byte[] value) {
        try {
            return codec.mapper().readTree(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every record of a topic up to its end, once it holds at least {@code atLeast}. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int atLeast) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().pollInterval(Duration.ofMillis(20)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                return out.size() >= atLeast
                        && ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
            return out;
        }
    }

    private static void deleteByHand(TaskRepoFixture repo, String path) throws Exception {
        Path clone = repo.cloneNow("hand-" + System.nanoTime());
        try (Git git = Git.open(clone.toFile())) {
            git.rm().addFilepattern(path).call();
            git.commit().setMessage("Drop " + path).setAuthor("t", "t@example.invalid")
                    .setCommitter("t", "t@example.invalid").call();
            git.push().call();
        }
    }
}
