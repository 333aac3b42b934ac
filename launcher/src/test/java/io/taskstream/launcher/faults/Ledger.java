package io.taskstream.launcher.faults;

import io.taskstream.events.data.CriterionCompleted;
import io.taskstream.events.data.CriterionFailed;
import io.taskstream.events.data.CriterionStarted;
import io.taskstream.events.data.CriterionVerified;
import io.taskstream.events.data.EventData;
import io.taskstream.events.envelope.Envelope;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per criterion of one run: how often its command ran (lines it appended), the attempts the event log shows
 * started, those that published a result, and how often it was verified. What a fault case asserts on.
 */
final class Ledger {
    /** One criterion's account. {@code interrupted}: started attempts that never published a result. */
    record Entry(String key, int runs, List<CriterionStarted> started, Set<String> withResult, int completed,
                 int verified) {
        List<CriterionStarted> interrupted() {
            return started.stream().filter(s -> !withResult.contains(s.attemptId())).toList();
        }
    }

    final Map<String, Entry> entries = new TreeMap<>();

    Ledger(CountingRepo repo, List<Envelope<EventData>> events, String runId) throws Exception {
        Map<String, Integer> runs = repo.runCounts();
        for (String key : repo.criterionKeys()) {
            List<CriterionStarted> started = new ArrayList<>();
            Set<String> withResult = new HashSet<>();
            int completed = 0;
            int verified = 0;
            for (Envelope<EventData> e : events) {
                if (!e.runId().equals(runId) || !key.startsWith(e.subject() + "#")) {
                    continue;
                }
                int criterion = Integer.parseInt(key.substring(key.indexOf('#') + 1));
                if (e.data() instanceof CriterionStarted s && s.criterion() == criterion && !s.dryRun()) {
                    started.add(s);
                } else if (e.data() instanceof CriterionCompleted c && c.criterion() == criterion) {
                    withResult.add(c.attemptId());
                    completed++;
                } else if (e.data() instanceof CriterionFailed f && f.criterion() == criterion) {
                    withResult.add(f.attemptId());
                } else if (e.data() instanceof CriterionVerified v && v.criterion() == criterion) {
                    verified++;
                }
            }
            entries.put(key, new Entry(key, runs.get(key), started, withResult, completed, verified));
        }
    }

    /** Criteria whose command ran more than once. */
    List<Entry> ranTwice() {
        return entries.values().stream().filter(e -> e.runs() > 1).toList();
    }

    /** Criteria never verified (lost). */
    List<String> lost() {
        return entries.values().stream().filter(e -> e.verified() == 0).map(Entry::key).toList();
    }

    /** Criteria that ran again although an attempt had already published its result. */
    List<String> publishedAndRunAgain() {
        return entries.values().stream().filter(e -> e.completed() > 1 || e.runs() - 1 > e.interrupted().size())
                .map(e -> e.key() + " (ran " + e.runs() + "x, " + e.completed() + " completed, "
                        + e.interrupted().size() + " interrupted)").toList();
    }

    /** Criteria verified more than once. */
    List<String> verifiedTwice() {
        return entries.values().stream().filter(e -> e.verified() > 1).map(e -> e.key() + " x" + e.verified()).toList();
    }

    /** What ran twice, each with the attempts that were interrupted and where they ran. */
    String describeRanTwice() {
        StringBuilder b = new StringBuilder();
        for (Entry e : ranTwice()) {
            b.append(e.key()).append(" ran ").append(e.runs()).append("x; interrupted attempts: ");
            e.interrupted().forEach(s -> b.append(s.attemptId()).append(" on ").append(s.executor()).append(' '));
            b.append('\n');
        }
        return b.isEmpty() ? "nothing ran twice" : b.toString().strip();
    }
}
