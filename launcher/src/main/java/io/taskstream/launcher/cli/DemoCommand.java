package io.taskstream.launcher.cli;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.kafka.embedded.EmbeddedKafka;
import io.taskstream.actions.ActionsConfig;
import io.taskstream.launcher.demo.DemoRepos;
import io.taskstream.launcher.demo.DemoServers;
import io.taskstream.launcher.pipeline.Pipeline;
import io.taskstream.launcher.pipeline.PipelineConfig;
import io.taskstream.launcher.pipeline.Service;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.scanner.ScanRequests;
import io.vertx.core.Vertx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/** The whole pipeline once, on the shipped examples, in this process. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline once on the shipped examples and exits when the run is over.",
                "Starts an embedded Kafka broker on 127.0.0.1, the scanner, two executors, the verifier and the "
                        + "reporter; copies examples/task-repo into a scratch git repo with a file:// remote and "
                        + "examples/workspace into a scratch workspace, so nothing in the checkout changes."},
        exitCodeListHeading = Exit.HEADING,
        exitCodeList = {"0:the run is over", "1:the run did not finish within --timeout-seconds; or an unexpected error",
                "2:no examples directory"},
        footerHeading = Exit.EXAMPLES,
        footer = {"  taskstream demo                         # from the checkout",
                "  taskstream demo --examples /opt/taskstream/examples --reports /tmp/r"})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--examples", defaultValue = "examples", paramLabel = "DIR",
            description = "the examples directory (default: ${DEFAULT-VALUE})")
    Path examples;

    @Option(names = "--reports", defaultValue = "reports", description = "where the session report goes (default: ${DEFAULT-VALUE})")
    Path reports;

    @Option(names = "--timeout-seconds", defaultValue = "300", description = "give up after this long (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String home = System.getenv("TASKSTREAM_HOME");
        if (!Files.isDirectory(examples) && home != null && !examples.isAbsolute()) {
            examples = Path.of(home).resolve(examples);
        }
        if (!Files.isDirectory(examples.resolve("task-repo")) || !Files.isDirectory(examples.resolve("workspace"))) {
            System.err.println("no examples at " + examples.toAbsolutePath() + ": run from the checkout or pass --examples");
            return Exit.INVALID;
        }
        Path scratch = Files.createTempDirectory("taskstream-demo-");
        String remote = DemoRepos.createTaskRepo(examples.resolve("task-repo"), scratch);
        String gitops = DemoRepos.createRepo(examples.resolve("gitops-repo"), scratch, "gitops-repo");
        Path workspace = scratch.resolve("workspace");
        DemoRepos.copyTree(examples.resolve("workspace"), workspace);
        out.println("task repo  " + remote);
        out.println("gitops     " + gitops);
        out.println("workspace  " + workspace);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            out.println("kafka      " + kafka.bootstrapServers() + " (embedded, KRaft)");
            out.flush();
            Path state = scratch.resolve("state");
            ActionsConfig d = ActionsConfig.defaults(state);
            ActionsConfig actions = new ActionsConfig("", d.kubeconfig(), d.dockerHost(), List.of(),
                    Optional.of(new ActionsConfig.GitOps(gitops, "main", "clusters/production", false)), true, state);
            PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), "taskstream", remote, "main",
                    workspace, state, reports.toAbsolutePath(), 2, 2, 500, 6, null,
                    PipelineConfig.DEFAULT_CONCURRENCY, actions);
            Vertx vertx = Vertx.vertx();
            Pipeline pipeline = new Pipeline(vertx, config);
            try {
                Futures.await(DemoServers.start(vertx, examples), Duration.ofSeconds(10)).forEach(out::println);
                Futures.await(pipeline.start(EnumSet.allOf(Service.class)), Duration.ofSeconds(60));
                runOnce(vertx, config, out).print(out);
                return Exit.OK;
            } catch (TimeoutException e) {
                System.err.println("the run did not finish within " + timeoutSeconds + " s");
                return Exit.FAILED;
            } finally {
                Futures.await(pipeline.stop(), Duration.ofSeconds(90));
                Futures.await(vertx.close(), Duration.ofSeconds(30));
            }
        }
    }

    private RunOutcome runOnce(Vertx vertx, PipelineConfig config, PrintWriter out) throws Exception {
        Topics topics = Topics.withPrefix(config.topicPrefix());
        try (RunWatch watch = RunWatch.open(config.bootstrapServers(), topics.events(), out, vertx);
             EventPublisher publisher = new EventPublisher(config.bootstrapServers(), "cli", new EventCodec())) {
            String runId = ScanRequests.newRunId();
            watch.follow(runId);
            out.println("run        " + runId);
            out.flush();
            new ScanRequests(publisher, topics, Source.of("cli", "demo"))
                    .request(runId, "cli:demo", false, ExecutionOptions.defaults());
            return watch.await(Duration.ofSeconds(timeoutSeconds)).orElseThrow();
        }
    }
}
