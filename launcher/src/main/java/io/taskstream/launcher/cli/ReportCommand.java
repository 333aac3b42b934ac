package io.taskstream.launcher.cli;

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
        description = {"Replays the event log from offset 0 and writes the session report of one run, or of",
                "every run in the log, as Markdown and JSON. Exits 2 when the run is not in the log."})
public final class ReportCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "the pipeline's Kafka")
    String bootstrapServers;

    @Option(names = "--topic-prefix", defaultValue = "taskstream", description = "(default: ${DEFAULT-VALUE})")
    String topicPrefix;

    @Option(names = "--run", paramLabel = "RUN_ID", description = "the run to report (default: every run)")
    String runId;

    @Option(names = "--out", defaultValue = "reports", paramLabel = "DIR", description = "(default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        Replay replay = new Replay(bootstrapServers, Topics.withPrefix(topicPrefix).events());
        try {
            List<WrittenReport> written = runId == null ? replay.writeReports(out) : List.of(replay.writeReport(runId, out));
            written.forEach(w -> System.out.println(w.runId() + "  " + w.markdown()));
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
