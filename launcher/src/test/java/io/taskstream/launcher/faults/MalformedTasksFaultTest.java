package io.taskstream.launcher.faults;

import io.taskstream.events.data.EventData;
import io.taskstream.events.data.ScanCompleted;
import io.taskstream.events.data.TaskInvalid;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Topics;
import io.taskstream.launcher.pipeline.Service;
import io.taskstream.testkit.EventLog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Case 3: a push of 1,000 broken task files beside good ones. Every broken file is reported with its path and a
 * line inside it; the good tasks run as if the broken ones were not there.
 */
@Tag("fault")
@ExtendWith(CaseTimer.class)
class MalformedTasksFaultTest {
    private static final long SEED = Long.getLong("faults.seed", 20260101L);
    private static final int BAD = 1_000;
    private static final int GOOD = 10;

    @Test
    void aThousandBrokenFilesAreEachReportedAndTheGoodTasksStillRun(@TempDir Path tmp) throws Exception {
        String prefix = "malformed";
        String bootstrap = SharedBroker.bootstrapServers();
        CountingRepo repo = CountingRepo.create(tmp.resolve("repo"), GOOD, 2, "0", Map.of());
        Map<String, MalformedTaskFiles.Bad> bad = new MalformedTaskFiles(SEED).generate(BAD);
        Map<String, byte[]> files = new LinkedHashMap<>();
        bad.values().forEach(b -> files.put(b.path(), b.bytes()));
        repo.pushAsAnotherWriter("1,000 broken task files (seed " + SEED + ")", files);

        try (InProcessPipeline pipeline = new InProcessPipeline(InProcessPipeline.config(bootstrap, prefix, repo, tmp, 1,
                null), EnumSet.allOf(Service.class));
             EventLog log = InProcessPipeline.eventLog(bootstrap, Topics.withPrefix(prefix).events(), false)) {
            String runId = InProcessPipeline.requestScan(bootstrap, prefix);
            InProcessPipeline.awaitTasksDone(log, runId, GOOD, Duration.ofMinutes(3));
            List<Envelope<EventData>> events = log.readToEnd();

            ScanCompleted scan = EventLog.data(events, runId, ScanCompleted.class).get(0);
            assertThat(scan.invalid()).as("invalid files in scan.completed (seed %d)", SEED)
                    .containsExactlyInAnyOrderElementsOf(bad.keySet());
            assertThat(scan.ready()).containsExactlyInAnyOrderElementsOf(
                    IntStream.rangeClosed(1, GOOD).mapToObj(CountingRepo::taskId).toList());

            Map<String, List<TaskInvalid>> reports = new LinkedHashMap<>();
            EventLog.data(events, runId, TaskInvalid.class).forEach(i -> reports.computeIfAbsent(i.path(), p -> new ArrayList<>()).add(i));
            List<String> wrong = new ArrayList<>();
            for (MalformedTaskFiles.Bad b : bad.values()) {
                List<TaskInvalid> r = reports.getOrDefault(b.path(), List.of());
                boolean wholeFile = b.bytes().length > MalformedTaskFiles.LIMIT;
                if (r.size() != 1) {
                    wrong.add(b.path() + " (" + b.fault() + "): " + r.size() + " task.invalid");
                } else if (wholeFile ? r.get(0).line() != 1 : r.get(0).line() < 1 || r.get(0).line() > b.lineCount()) {
                    wrong.add(b.path() + " (" + b.fault() + "): line " + r.get(0).line() + " of " + b.lineCount()
                            + ": " + r.get(0).problem());
                }
            }
            assertThat(wrong).as("broken files not reported once with a line inside them (seed %d)", SEED).isEmpty();
            assertThat(repo.tasksNotDone()).as("good tasks not done").isEmpty();
            assertThat(new Ledger(repo, events, runId).lost()).isEmpty();
        }
    }
}
