package io.taskstream.launcher;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.CriterionStarted;
import io.taskstream.events.data.EventData;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.executor.ExecutorVerticle;
import io.taskstream.launcher.pipeline.Pipeline;
import io.taskstream.launcher.pipeline.PipelineConfig;
import io.taskstream.launcher.pipeline.Service;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.scanner.ScanRequests;
import io.taskstream.scanner.ScannerVerticle;
import io.taskstream.testkit.BrokerExtension;
import io.taskstream.verifier.VerifierVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two pipelines on one cluster, with different topic prefixes and told apart as two processes: each keeps its own
 * consumer groups, runs its own task, and names its executors so that one can tell which one ran an attempt.
 */
class TwoPipelinesOneClusterTest {
    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    private static String task(String id) {
        return """
                ---
                id: %s
                title: Write the marker
                priority: high
                status: active
                ---

                # %s: Write the marker

                ## Acceptance Criteria
                - [ ] Marker written
                  - run: `echo %s > marker.txt`
                  - verify: `grep -qx %s marker.txt`
                """.formatted(id, id, id, id);
    }

    @Test
    void eachPrefixKeepsItsGroupsAndEachProcessNamesItsExecutors(@TempDir Path tmp) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Side a = new Side(tmp.resolve("a"), "pa-" + suffix, "TASK-A", "host-a-101");
        Side b = new Side(tmp.resolve("b"), "pb-" + suffix, "TASK-B", "host-b-202");
        try {
            a.start();
            b.start();
            CompletableFuture<JsonObject> finishedA = a.scan();
            CompletableFuture<JsonObject> finishedB = b.scan();
            assertThat(finishedA.get(120, TimeUnit.SECONDS).getInteger("completed")).isEqualTo(1);
            assertThat(finishedB.get(120, TimeUnit.SECONDS).getInteger("completed")).isEqualTo(1);

            assertOwnGroups(a, b);
            assertOwnGroups(b, a);

            List<CriterionStarted> startedA = started(a.prefix);
            List<CriterionStarted> startedB = started(b.prefix);
            assertThat(startedA).extracting(CriterionStarted::executor).containsOnly("executor-1.host-a-101");
            assertThat(startedB).extracting(CriterionStarted::executor).containsOnly("executor-1.host-b-202");
            assertThat(sources(a.prefix)).containsOnly(Source.of("executor", "executor-1.host-a-101"));
            assertThat(sources(b.prefix)).containsOnly(Source.of("executor", "executor-1.host-b-202"));
        } finally {
            a.close();
            b.close();
        }
    }

    /** The executor, verifier and scanner groups of one prefix exist, have members, and hold only its topics. */
    private static void assertOwnGroups(Side side, Side other) throws Exception {
        List<String> groups = List.of(ExecutorVerticle.group(side.prefix), VerifierVerticle.group(side.prefix),
                ScannerVerticle.group(side.prefix));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all()
                    .get(30, TimeUnit.SECONDS);
            for (String group : groups) {
                ConsumerGroupDescription d = described.get(group);
                assertThat(d.members()).as(group + " has members").isNotEmpty();
                List<String> topics = d.members().stream().map(MemberDescription::assignment)
                        .flatMap(m -> m.topicPartitions().stream()).map(TopicPartition::topic).distinct().toList();
                assertThat(topics).as(group + " holds only its own pipeline's topics").isNotEmpty()
                        .allMatch(t -> t.startsWith(side.prefix + "."))
                        .noneMatch(t -> t.startsWith(other.prefix + "."));
            }
        }
    }

    private static List<CriterionStarted> started(String prefix) throws Exception {
        return events(prefix).stream().filter(e -> e.data() instanceof CriterionStarted)
                .map(e -> (CriterionStarted) e.data()).toList();
    }

    private static List<URI> sources(String prefix) throws Exception {
        return events(prefix).stream().filter(e -> e.data() instanceof CriterionStarted).map(Envelope::source).toList();
    }

    /** Every event on a pipeline's events topic, up to the end offsets as of now. */
    private static List<Envelope<EventData>> events(String prefix) throws Exception {
        String topic = Topics.withPrefix(prefix).events();
        EventCodec codec = new EventCodec();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<Envelope<EventData>> events = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                assertThat(System.nanoTime()).as("read " + topic + " to its end").isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    events.add(codec.decode(r.value()));
                }
            }
            return events;
        }
    }

    /** One pipeline: its own task repo, workspace, topic prefix and process name, in its own Vert.x. */
    private static final class Side implements AutoCloseable {
        final String prefix;
        final Vertx vertx = Vertx.vertx();
        final Pipeline pipeline;

        Side(Path dir, String prefix, String taskId, String process) throws Exception {
            this.prefix = prefix;
            TaskRepoFixture repo = TaskRepoFixture.create(dir.resolve("repo"),
                    Map.of("tasks/active/" + taskId + ".md", task(taskId)));
            Path workspace = Files.createDirectories(dir.resolve("workspace"));
            PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), prefix, repo.url, "main", workspace,
                    dir.resolve("state"), dir.resolve("reports"), 1, 2, 200, 3);
            pipeline = new Pipeline(vertx, config, process, System.getenv());
        }

        void start() throws Exception {
            pipeline.start(EnumSet.allOf(Service.class)).toCompletionStage().toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
        }

        CompletableFuture<JsonObject> scan() throws Exception {
            String runId = ScanRequests.newRunId();
            CompletableFuture<JsonObject> finished = new CompletableFuture<>();
            MessageConsumer<JsonObject> listener = vertx.eventBus().consumer("taskstream.run.finished", m -> {
                if (runId.equals(m.body().getString("runId"))) {
                    finished.complete(m.body());
                }
            });
            listener.completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            try (EventPublisher publisher = new EventPublisher(kafka.bootstrapServers(), "test", new EventCodec())) {
                new ScanRequests(publisher, Topics.withPrefix(prefix), Source.of("test", prefix))
                        .request(runId, "test", false, ExecutionOptions.defaults());
            }
            return finished;
        }

        @Override
        public void close() throws Exception {
            try {
                pipeline.stop().toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
