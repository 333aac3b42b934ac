package io.taskstream.launcher.cli;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.Topics;
import io.taskstream.reporter.replay.Replay;
import io.taskstream.reporter.report.WrittenReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

/** Retrospectives: session reports rebuilt by replaying the event log from its first offset. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Rebuilds session reports from the event log.",
                "Replays the event log from offset 0 and writes the session report of one run, or of every run in "
                        + "the log, as Markdown, JSON and HTML, and prints each run's id and report path."},
        exitCodeListHeading = Exit.HEADING,
        exitCodeList = {"0:reports written (with --results: every task succeeded)",
                "1:with --results: a task did not succeed; or an unexpected error",
                "2:the run is not in the log; bad usage", Exit.HELP_UNAVAILABLE},
        footerHeading = Exit.EXAMPLES,
        footer = {"  taskstream report --bootstrap-servers 127.0.0.1:9092",
                "  taskstream report --bootstrap-servers 127.0.0.1:9092 --run 20260301-120000-ab12 --out reports",
                "  taskstream report --bootstrap-servers 127.0.0.1:9092 --run RUN_ID --results",
                "  taskstream report --bootstrap-servers 127.0.0.1:9092 -o json"})
public final class ReportCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "the pipeline's Kafka")
    String bootstrapServers;

    @picocli.CommandLine.Mixin
    KafkaOptions kafka;

    @picocli.CommandLine.Mixin
    Output output;

    @Option(names = "--topic-prefix", defaultValue = "taskstream", description = "prefix of the topic names (default: ${DEFAULT-VALUE})")
    String topicPrefix;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "the run to report (default: every run)")
    String runId;

    @Option(names = "--out", defaultValue = "reports", paramLabel = "DIR",
            description = "where the reports are written (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--results", description = {"print the run's per-task results as JSON (the executor contract's",
            "success and error shapes) instead of writing reports; needs --run"})
    boolean results;

    @Override
    public Integer call() throws Exception {
        kafka.check(bootstrapServers);
        Replay replay = new Replay(bootstrapServers, Topics.withPrefix(topicPrefix).events())
                .withKafka(kafka.properties());
        if (results) {
            if (runId == null) {
                System.err.println("--results needs --run");
                return Exit.INVALID;
            }
            var report = replay.report(runId);
            if (report.isEmpty()) {
                System.err.println("no run " + runId + " in the event log");
                return Exit.INVALID;
            }
            spec.commandLine().getOut().println(new EventCodec().mapper().copy()
                    .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(report.get().tasks().stream().map(t -> t.result()).toList()));
            return report.get().tasks().stream().allMatch(t -> t.result().success()) ? Exit.OK : Exit.FAILED;
        }
        try {
            List<WrittenReport> written = runId == null ? replay.writeReports(out) : List.of(replay.writeReport(runId, out));
            if (output.json()) {
                Output.printJson(spec.commandLine().getOut(), written.stream().map(w -> java.util.Map.of(
                        "run", w.runId(), "markdown", w.markdown().toString(), "json", w.json().toString(),
                        "html", String.valueOf(w.html()))).toList());
            } else {
                written.forEach(w -> System.out.println(w.runId() + "  " + w.markdown()));
            }
            if (replay.poisonSkipped() > 0) {
                System.err.println(replay.poisonSkipped() + " undecodable records skipped");
            }
            return Exit.OK;
        } catch (NoSuchElementException e) {
            System.err.println(e.getMessage());
            return Exit.INVALID;
        }
    }
}
