package io.taskstream.events.envelope;

import java.util.Map;

/**
 * Topic names. Every fact goes to one event log, keyed by task id, so that one task's events are ordered
 * on one partition; retries wait on their own topic until due; what cannot be handled lands on the dead-letter topic.
 */
public record Topics(String events, String retry, String deadLetter) {

    public static Topics withPrefix(String prefix) {
        return new Topics(prefix + ".events", prefix + ".retry", prefix + ".dlt");
    }

    public static Topics defaults() {
        return withPrefix("taskstream");
    }

    /** Every topic with its partition count; retry and dead letters are co-partitioned with the log. */
    public Map<String, Integer> layout(int partitions) {
        return Map.of(events, partitions, retry, partitions, deadLetter, partitions);
    }
}
