package io.taskstream.launcher.cli;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.kafka.embedded.EmbeddedKafka;
import io.taskstream.launcher.pipeline.Pipeline;
import io.taskstream.launcher.pipeline.PipelineConfig;
import io.taskstream.launcher.pipeline.Service;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.scanner.ScanRequests;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Runs services until stopped: all four in one process, or the ones named, against any Kafka. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Starts services and keeps them running until the process is stopped (SIGINT/SIGTERM).",
                "Without --bootstrap-servers an embedded broker starts on 127.0.0.1 (for trying things out);",
                "start more executors, here or on other hosts, to scale out: they share one consumer group."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    PipelineOptions options;

    @Option(names = "--services", split = ",", paramLabel = "NAME",
            description = "which to run: scanner, executor, verifier, reporter (default: all)")
    List<Service> services = List.of(Service.values());

    @Option(names = "--scan", description = "request a scan as soon as the services are up")
    boolean scan;

    @Override
    public Integer call() throws Exception {
        if (options.taskRepo == null || options.workspace == null) {
            System.err.println("--task-repo and --workspace are required");
            return Exit.INVALID;
        }
        EmbeddedKafka embedded = options.bootstrapServers == null ? EmbeddedKafka.start() : null;
        String servers = embedded == null ? options.bootstrapServers : embedded.bootstrapServers();
        PipelineConfig config = options.toConfig(servers, options.taskRepo, options.workspace);
        Vertx vertx = Vertx.vertx();
        Pipeline pipeline = new Pipeline(vertx, config);
        Futures.await(pipeline.start(EnumSet.copyOf(services)), Duration.ofSeconds(60));
        System.out.println("running " + services + " against Kafka at " + servers);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Futures.await(pipeline.stop(), Duration.ofSeconds(90));
                Futures.await(vertx.close(), Duration.ofSeconds(30));
            } catch (Exception e) {
                System.err.println("stopping: " + e.getMessage());
            } finally {
                if (embedded != null) {
                    embedded.close();
                }
                stopped.countDown();
            }
        }, "shutdown"));
        if (scan) {
            try (EventPublisher publisher = new EventPublisher(servers, "cli", new EventCodec())) {
                String runId = ScanRequests.newRunId();
                new ScanRequests(publisher, Topics.withPrefix(config.topicPrefix()), Source.of("cli", "run"))
                        .request(runId, "cli:run", false, ExecutionOptions.defaults());
                System.out.println("requested run " + runId);
            }
        }
        stopped.await();
        return Exit.OK;
    }
}
