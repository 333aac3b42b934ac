package io.taskstream.launcher.cli;

import io.taskstream.events.envelope.Topics;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.reporter.replay.Replay;
import io.taskstream.reporter.report.ReportFiles;
import io.taskstream.reporter.report.WrittenReport;
import io.taskstream.reporter.retro.RetroFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/**
 * Retrospectives: one pass over the event log, from offset 0 (or a time), without a consumer group, into a
 * retrospective across runs and, with {@code --run}, that run's session report as the reporter wrote it.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Writes a retrospective across every run in the event log.",
                "Replays the event log from offset 0 (or --since) without joining any consumer group and writes "
                        + "retrospective.md and .json: most-failing criteria and commands, flaky criteria, time to "
                        + "verify by task type, tasks blocked longest, checks that failed after a successful command.",
                "With --run, also rebuilds that run's session report."},
        exitCodeListHeading = Exit.HEADING,
        exitCodeList = {"0:the retrospective (and the run's report) written", "1:an unexpected error",
                "2:the run is not in the log; bad usage", Exit.HELP_UNAVAILABLE},
        footerHeading = Exit.EXAMPLES,
        footer = {"  taskstream replay --bootstrap-servers 127.0.0.1:9092",
                "  taskstream replay --bootstrap-servers 127.0.0.1:9092 --since 2025-06-01T00:00:00Z --top 10",
                "  taskstream replay --bootstrap-servers 127.0.0.1:9092 --run RUN_ID --out reports"})
public final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "the pipeline's Kafka")
    String bootstrapServers;

    @picocli.CommandLine.Mixin
    KafkaOptions kafka;

    @Option(names = "--topic-prefix", defaultValue = "taskstream", description = "prefix of the topic names (default: ${DEFAULT-VALUE})")
    String topicPrefix;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "also rebuild this run's session report")
    String runId;

    @Option(names = "--since", paramLabel = "TIME",
            description = "read only records published at or after this ISO-8601 instant, e.g. 2025-06-01T00:00:00Z")
    String since;

    @Option(names = "--out", defaultValue = "reports", paramLabel = "DIR",
            description = "where the retrospective and reports are written (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--top", defaultValue = "20", paramLabel = "N", description = "rows per list (default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "give up reading the log after this long (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        kafka.check(bootstrapServers);
        Replay replay = new Replay(bootstrapServers, Topics.withPrefix(topicPrefix).events(),
                Duration.ofSeconds(timeoutSeconds)).withKafka(kafka.properties());
        if (since != null) {
            try {
                replay = replay.since(Instant.parse(since));
            } catch (DateTimeParseException e) {
                System.err.println("--since needs an ISO-8601 instant such as 2025-06-01T00:00:00Z: " + since);
                return Exit.INVALID;
            }
        }
        Replay.Retrospection r = replay.retrospective(runId, Math.max(1, top));
        if (replay.poisonSkipped() > 0) {
            System.err.println(replay.poisonSkipped() + " undecodable records skipped");
        }
        Path retro = new RetroFiles(out, new EventCodec()).write(r.retrospective());
        System.out.println("retrospective  " + retro);
        if (runId != null) {
            if (r.report().isEmpty()) {
                System.err.println("no run " + runId + " in the event log");
                return Exit.INVALID;
            }
            WrittenReport written = new ReportFiles(out).write(r.report().get());
            System.out.println(written.runId() + "  " + written.markdown());
        }
        return Exit.OK;
    }
}
