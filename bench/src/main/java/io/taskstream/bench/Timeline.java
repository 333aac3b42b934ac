package io.taskstream.bench;

import io.taskstream.events.data.CriterionCompleted;
import io.taskstream.events.data.CriterionStarted;
import io.taskstream.events.data.EventData;
import io.taskstream.events.envelope.Envelope;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a criterion's time goes on its partition, from the events' own time stamps (taken by the executor when it
 * builds each event, before publishing it): started to completed holds the ack of criterion.started and the
 * process; completed to the next started on the same partition holds the ack of criterion.completed and the
 * worker's bookkeeping.
 */
final class Timeline {
    private final Map<Integer, List<Envelope<EventData>>> byPartition = new HashMap<>();

    void add(int partition, Envelope<EventData> event) {
        byPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(event);
    }

    String summary() {
        List<Long> process = new ArrayList<>();
        List<Long> startedToCompleted = new ArrayList<>();
        List<Long> completedToNext = new ArrayList<>();
        for (List<Envelope<EventData>> events : byPartition.values()) {
            Instant started = null;
            Instant completed = null;
            for (Envelope<EventData> e : events) {
                if (e.data() instanceof CriterionStarted) {
                    if (completed != null) {
                        completedToNext.add(micros(completed, e.time()));
                    }
                    started = e.time();
                } else if (e.data() instanceof CriterionCompleted c) {
                    process.add(c.durationMillis() * 1000);
                    if (started != null) {
                        startedToCompleted.add(micros(started, e.time()));
                    }
                    completed = e.time();
                }
            }
        }
        return String.format(Locale.ROOT, "per criterion on its partition thread, mean (median) ms: process as "
                        + "CommandRunner measured it %s; started -> completed %s; completed -> next started %s",
                stats(process), stats(startedToCompleted), stats(completedToNext));
    }

    private static long micros(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1000;
    }

    private static String stats(List<Long> micros) {
        if (micros.isEmpty()) {
            return "-";
        }
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0) / 1000;
        return String.format(Locale.ROOT, "%.1f (%.1f)", mean, sorted.get(sorted.size() / 2) / 1000.0);
    }
}
