package io.taskstream.launcher.faults;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.data.TaskBlocked;
import io.taskstream.events.data.TaskCompleted;
import io.taskstream.events.data.EventData;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.launcher.pipeline.Pipeline;
import io.taskstream.launcher.pipeline.PipelineConfig;
import io.taskstream.launcher.pipeline.Service;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.scanner.ScanRequests;
import io.taskstream.testkit.EventLog;
import io.vertx.core.Vertx;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/** Some of the pipeline's services in this JVM, and what a case needs around them: scans, waiting on the log. */
final class InProcessPipeline implements AutoCloseable {
    final PipelineConfig config;
    final Pipeline pipeline;
    private final Vertx vertx = Vertx.vertx();

    InProcessPipeline(PipelineConfig config, Set<Service> services) throws Exception {
        this.config = config;
        this.pipeline = new Pipeline(vertx, config);
        pipeline.start(services).toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    }

    /** A configuration for this repo: retries quick, {@code executors} instances in this JVM. */
    static PipelineConfig config(String bootstrap, String prefix, CountingRepo repo, Path state, int executors,
                                 PipelineConfig.Webhook webhook) {
        return new PipelineConfig(bootstrap, prefix, repo.url, "main", repo.workspace, state.resolve("state"),
                state.resolve("reports"), executors, 2, 200, 12, webhook, 16);
    }

    /** Requests a run as the CLI does; returns its id. */
    static String requestScan(String bootstrap, String prefix) {
        String runId = ScanRequests.newRunId();
        try (EventPublisher publisher = new EventPublisher(bootstrap, "fault-test", new EventCodec())) {
            new ScanRequests(publisher, Topics.withPrefix(prefix), Source.of("test", "faults"))
                    .request(runId, "test", false, ExecutionOptions.defaults());
        }
        return runId;
    }

    /** The event log of a topic the pipeline created, once this JVM's clients see all its partitions. */
    static EventLog eventLog(String bootstrap, String topic, boolean poisonExpected) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().pollInterval(Duration.ofMillis(100)).until(() ->
                    !admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                            .partitions().isEmpty());
        }
        return new EventLog(bootstrap, topic, poisonExpected);
    }

    /** Waits until {@code tasks} distinct tasks of the run completed or were blocked; returns every event so far. */
    static List<Envelope<EventData>> awaitTasksDone(EventLog log, String runId, int tasks, Duration atMost) {
        List<List<Envelope<EventData>>> last = new ArrayList<>(List.of(List.of()));
        Predicate<Envelope<EventData>> done = e -> e.runId().equals(runId)
                && (e.data() instanceof TaskCompleted || e.data() instanceof TaskBlocked);
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            last.set(0, log.events());
            return last.get(0).stream().filter(done).map(Envelope::subject).collect(Collectors.toSet()).size() >= tasks;
        });
        return last.get(0);
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
