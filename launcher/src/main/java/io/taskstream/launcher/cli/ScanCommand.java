package io.taskstream.launcher.cli;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.scanner.ScanRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/** Asks running services for a scan, as a webhook would. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Publishes scan.requested to a running pipeline and prints the run id.",
                "With --wait it then prints the run's progress as it goes and its summary when it is over, and "
                        + "exits with the run's outcome."},
        exitCodeListHeading = Exit.HEADING,
        exitCodeList = {Exit.HELP_OK, Exit.HELP_FAILED, Exit.HELP_INVALID, Exit.HELP_TIMED_OUT, Exit.HELP_UNAVAILABLE},
        footerHeading = Exit.EXAMPLES,
        footer = {"  taskstream scan --bootstrap-servers 127.0.0.1:9092",
                "  taskstream scan --bootstrap-servers 127.0.0.1:9092 --wait --timeout 10m",
                "  taskstream scan --bootstrap-servers 127.0.0.1:9092 --full --dry-run --criteria 1,2"})
public final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "the pipeline's Kafka")
    String bootstrapServers;

    @picocli.CommandLine.Mixin
    KafkaOptions kafka;

    @Option(names = "--topic-prefix", defaultValue = "taskstream", description = "prefix of the topic names (default: ${DEFAULT-VALUE})")
    String topicPrefix;

    @Option(names = "--full", description = "rescan every file, not only what changed")
    boolean full;

    @Option(names = "--criteria", split = ",", paramLabel = "N", description = "only these criterion numbers")
    List<Integer> criteria = List.of();

    @Option(names = "--dry-run", description = "plan every task (task.planned events), run nothing, record nothing")
    boolean dryRun;

    @Option(names = "--skip-verification",
            description = "run without the verifier's checks; criteria are reported unverifiable and stay unchecked")
    boolean skipVerification;

    @Option(names = "--wait", description = "follow the run and exit once it is over (see exit codes)")
    boolean await;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = WaitTimeout.class,
            description = "with --wait: exit 3 when the run is not over after this long (90s, 5m, 1h; default: no limit)")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        if (timeout != null && !await) {
            System.err.println("--timeout needs --wait");
            return Exit.INVALID;
        }
        kafka.check(bootstrapServers);
        PrintWriter out = spec.commandLine().getOut();
        Topics topics = Topics.withPrefix(topicPrefix);
        String runId = ScanRequests.newRunId();
        RunWatch watch = null;
        try {
            if (await) {
                try {
                    watch = RunWatch.open(bootstrapServers, topics.events(), out, null, kafka.properties());
                } catch (IllegalStateException e) {
                    System.err.println(e.getMessage());
                    return Exit.INVALID;
                }
                watch.follow(runId);
            }
            try (EventPublisher publisher = new EventPublisher(bootstrapServers, "cli", new EventCodec(),
                    kafka.properties())) {
                new ScanRequests(publisher, topics, Source.of("cli", "scan"))
                        .request(runId, "cli", full, new ExecutionOptions(dryRun, criteria, skipVerification));
            }
            out.println(runId);
            out.flush();
            if (watch == null) {
                return Exit.OK;
            }
            RunWatch w = watch;
            Thread hook = new Thread(w::stop, "stop-watching");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                Optional<RunOutcome> outcome = w.await(timeout);
                outcome.ifPresent(o -> o.print(out));
                return outcome.map(RunOutcome::exitCode).orElse(Exit.FAILED);
            } catch (TimeoutException e) {
                System.err.println(e.getMessage());
                return Exit.TIMED_OUT;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down: the hook has stopped the watch
                }
            }
        } finally {
            if (watch != null) {
                watch.close();
            }
        }
    }
}
