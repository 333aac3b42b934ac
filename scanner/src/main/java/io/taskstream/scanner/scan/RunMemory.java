package io.taskstream.scanner.scan;

import io.taskstream.events.data.ExecutionOptions;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one scanner instance remembers of the runs it served, shared by its partitions' workers; bounded,
 * oldest forgotten first. Which events of a run's scan of a commit the broker acknowledged, so that handling
 * the request again does not publish them twice; and the options each run executes with, as learnt from its
 * scan.requested or its task.ready events, so that the tasks it releases later run the same way.
 */
public final class RunMemory {
    private final Map<String, Set<String>> published = bounded(256);
    private final Map<String, ExecutionOptions> options = bounded(10_000);

    private static <V> Map<String, V> bounded(int runs) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > runs;
            }
        };
    }

    /** Whether the event named {@code event} of this run, read at this commit, is on the log. */
    public synchronized boolean published(String runId, String commit, String event) {
        Set<String> events = published.get(runId + "@" + commit);
        return events != null && events.contains(event);
    }

    /** The broker acknowledged the event. */
    public synchronized void markPublished(String runId, String commit, String event) {
        published.computeIfAbsent(runId + "@" + commit, k -> new HashSet<>()).add(event);
    }

    public synchronized void rememberOptions(String runId, ExecutionOptions runOptions) {
        options.put(runId, runOptions);
    }

    public synchronized Optional<ExecutionOptions> options(String runId) {
        return Optional.ofNullable(options.get(runId));
    }
}
