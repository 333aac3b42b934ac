package io.taskstream.launcher.cli;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.scanner.ScanRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** Asks running services for a scan, as a webhook would. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Publishes scan.requested to a running pipeline and prints the run id.")
public final class ScanCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "the pipeline's Kafka")
    String bootstrapServers;

    @Option(names = "--topic-prefix", defaultValue = "taskstream", description = "(default: ${DEFAULT-VALUE})")
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

    @Override
    public Integer call() {
        try (EventPublisher publisher = new EventPublisher(bootstrapServers, "cli", new EventCodec())) {
            String runId = ScanRequests.newRunId();
            new ScanRequests(publisher, Topics.withPrefix(topicPrefix), Source.of("cli", "scan"))
                    .request(runId, "cli", full, new ExecutionOptions(dryRun, criteria, skipVerification));
            System.out.println(runId);
            return Exit.OK;
        }
    }
}
