package io.taskstream.launcher.cli;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.kafka.embedded.EmbeddedKafka;
import io.taskstream.launcher.cli.errors.UserError;
import io.taskstream.launcher.health.TaskRepoCheck;
import io.taskstream.launcher.pipeline.Pipeline;
import io.taskstream.launcher.pipeline.PipelineConfig;
import io.taskstream.launcher.pipeline.Service;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.scanner.ScanRequests;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs services until stopped: all four in one process, or the ones named, against any Kafka. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Starts services and keeps them running until the process is stopped (SIGINT/SIGTERM).",
                "Without --bootstrap-servers an embedded broker starts on 127.0.0.1 (for trying things out). Start "
                        + "more executors, here or on other hosts, to scale out: they share one consumer group.",
                "With --scan it prints the run's progress as it goes and its summary when it is over; with --wait "
                        + "it then stops the services and exits with the run's outcome."},
        exitCodeListHeading = Exit.HEADING,
        exitCodeList = {Exit.HELP_OK, Exit.HELP_FAILED, Exit.HELP_INVALID, Exit.HELP_TIMED_OUT, Exit.HELP_UNAVAILABLE},
        footerHeading = Exit.EXAMPLES,
        footer = {"  taskstream run --task-repo https://git.example/tasks.git --workspace ./ws",
                "  taskstream run --bootstrap-servers 127.0.0.1:9092 --task-repo URL --workspace ./ws \\",
                "      --services executor",
                "  taskstream run --bootstrap-servers 127.0.0.1:9092 --task-repo URL --workspace ./ws \\",
                "      --kube-context kind-dev --scan --wait --timeout 30m"})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PipelineOptions options;

    @Option(names = "--services", split = ",", paramLabel = "NAME",
            description = "which to run: scanner, executor, verifier, reporter (default: all)")
    List<Service> services = List.of(Service.values());

    @Option(names = "--scan", description = "request a scan as soon as the services are up, and follow its run")
    boolean scan;

    @Option(names = "--wait", description = "with --scan: stop and exit once the run is over (see exit codes)")
    boolean await;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = WaitTimeout.class,
            description = "with --wait: exit 3 when the run is not over after this long (90s, 5m, 1h; default: no limit)")
    Duration timeout;

    /**
     * Whether a task repo that does not answer ends the command before anything starts (a person at a terminal);
     * {@code serve} starts anyway, and its readiness reports the repo until it answers.
     */
    boolean taskRepoCheckedFirst = true;

    @Override
    public Integer call() throws Exception {
        if (options.taskRepo == null || options.workspace == null) {
            System.err.println("--task-repo and --workspace are required");
            return Exit.INVALID;
        }
        if ((await && !scan) || (timeout != null && !await)) {
            System.err.println("--wait needs --scan, and --timeout needs --wait");
            return Exit.INVALID;
        }
        if (options.bootstrapServers != null) {
            options.client.connect.check(options.bootstrapServers, options.kafka().values());
        }
        if (taskRepoCheckedFirst && (services.contains(Service.SCANNER) || services.contains(Service.VERIFIER))) {
            String problem = new TaskRepoCheck(PipelineOptions.remote(options.taskRepo), options.branch,
                    java.time.Clock.systemUTC()).problem();
            if (problem != null) {
                throw new UserError(Exit.INVALID, problem + " (--task-repo, --branch)");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        EmbeddedKafka embedded = options.bootstrapServers == null ? EmbeddedKafka.start() : null;
        String servers = embedded == null ? options.bootstrapServers : embedded.bootstrapServers();
        PipelineConfig config = options.toConfig(servers, options.taskRepo, options.workspace);
        Vertx vertx = Vertx.vertx();
        Pipeline pipeline = new Pipeline(vertx, config);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop = () -> {
            if (!stopping.compareAndSet(false, true)) {
                return;
            }
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
        };
        RunWatch[] watching = new RunWatch[1];
        Thread hook = new Thread(() -> {
            RunWatch w = watching[0];
            if (w != null) {
                w.stop();
            }
            stop.run();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Futures.await(pipeline.start(EnumSet.copyOf(services)), Duration.ofSeconds(60));
            out.println("running " + services + " against Kafka at " + servers);
            out.flush();
            if (scan) {
                Vertx reporterHere = services.contains(Service.REPORTER) ? vertx : null;
                try (RunWatch watch = RunWatch.open(servers, Topics.withPrefix(config.topicPrefix()).events(), out,
                        reporterHere, config.kafka())) {
                    watching[0] = watch;
                    String runId = ScanRequests.newRunId();
                    watch.follow(runId);
                    try (EventPublisher publisher = new EventPublisher(servers, "cli", new EventCodec(), config.kafka())) {
                        new ScanRequests(publisher, Topics.withPrefix(config.topicPrefix()), Source.of("cli", "run"))
                                .request(runId, "cli:run", false, ExecutionOptions.defaults());
                    }
                    out.println("requested run " + runId);
                    out.flush();
                    Optional<RunOutcome> outcome = watch.await(await ? timeout : null);
                    watching[0] = null;
                    if (outcome.isPresent()) {
                        outcome.get().print(out);
                        if (await) {
                            return outcome.get().exitCode();
                        }
                    }
                } catch (TimeoutException e) {
                    System.err.println(e.getMessage());
                    return Exit.TIMED_OUT;
                }
            }
            stopped.await();
            return Exit.OK;
        } finally {
            if (!stopping.get()) {
                stop.run();
                removeHook(hook);
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already: the hook runs, and stop is idempotent
        }
    }
}
