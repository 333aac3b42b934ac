package io.taskstream.launcher;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.launcher.pipeline.Pipeline;
import io.taskstream.launcher.pipeline.PipelineConfig;
import io.taskstream.launcher.pipeline.Service;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.scanner.ScanRequests;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The four services of one pipeline in this JVM, and runs of it: each scan request waits for the reporter's run.finished. */
final class RunningPipeline implements AutoCloseable {
    private final PipelineConfig config;
    private final Vertx vertx = Vertx.vertx();
    private final Pipeline pipeline;

    RunningPipeline(PipelineConfig config) throws Exception {
        this.config = config;
        this.pipeline = new Pipeline(vertx, config);
        start();
    }

    /**
     * @param process     names this pipeline's executors ({@code executor-N.<process>})
     * @param environment where the pipeline reads {@code TASKSTREAM_SECRET_*}
     */
    RunningPipeline(PipelineConfig config, String process, Map<String, String> environment) throws Exception {
        this.config = config;
        this.pipeline = new Pipeline(vertx, config, process, environment);
        start();
    }

    private void start() throws Exception {
        pipeline.start(EnumSet.allOf(Service.class)).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** One run of a pipeline started for it and stopped after. */
    static JsonObject runOnce(PipelineConfig config, ExecutionOptions options) throws Exception {
        try (RunningPipeline p = new RunningPipeline(config)) {
            return p.run(false, options);
        }
    }

    JsonObject run(boolean full, ExecutionOptions options) throws Exception {
        String runId = ScanRequests.newRunId();
        CompletableFuture<JsonObject> finished = new CompletableFuture<>();
        MessageConsumer<JsonObject> listener = vertx.eventBus().consumer("taskstream.run.finished", m -> {
            if (runId.equals(m.body().getString("runId"))) {
                finished.complete(m.body());
            }
        });
        listener.completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try (EventPublisher publisher = new EventPublisher(config.bootstrapServers(), "test", new EventCodec())) {
            new ScanRequests(publisher, Topics.withPrefix(config.topicPrefix()), Source.of("test", "pipeline"))
                    .request(runId, "test", full, options);
        }
        try {
            return finished.get(120, TimeUnit.SECONDS);
        } finally {
            listener.unregister();
        }
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
