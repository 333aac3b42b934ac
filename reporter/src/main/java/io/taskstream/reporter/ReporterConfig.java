package io.taskstream.reporter;

import io.taskstream.events.envelope.Topics;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;

/**
 * The reporter's settings.
 *
 * @param bootstrapServers the Kafka cluster to read
 * @param topicPrefix      prefix of the topic names; the events are on {@code <prefix>.events}
 * @param reportsDir       where {@code session-<runId>.md} and {@code .json} are written
 * @param instance         names this reporter in the Kafka client id and logs
 * @param statusHost       address the status page listens on
 * @param statusPort       port of the status page (0: any free port); null: no status page
 */
public record ReporterConfig(String bootstrapServers, String topicPrefix, Path reportsDir, String instance,
                             String statusHost, Integer statusPort) {
    public static final String DEFAULT_TOPIC_PREFIX = "taskstream";
    public static final String DEFAULT_REPORTS_DIR = "reports";
    public static final String DEFAULT_STATUS_HOST = "127.0.0.1";

    /**
     * Reads {@code bootstrapServers} (required), {@code topicPrefix} (default {@code taskstream}),
     * {@code reportsDir} (default {@code reports}), {@code instance} (default {@code reporter-1}),
     * {@code statusPort} (default: no status page) and {@code statusHost} (default {@code 127.0.0.1}).
     *
     * @throws IllegalArgumentException when {@code bootstrapServers} is missing
     */
    public static ReporterConfig from(JsonObject json) {
        String bootstrap = json.getString("bootstrapServers");
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("reporter config needs bootstrapServers");
        }
        return new ReporterConfig(bootstrap, json.getString("topicPrefix", DEFAULT_TOPIC_PREFIX),
                Path.of(json.getString("reportsDir", DEFAULT_REPORTS_DIR)), json.getString("instance", "reporter-1"),
                json.getString("statusHost", DEFAULT_STATUS_HOST), json.getInteger("statusPort"));
    }

    public Topics topics() {
        return Topics.withPrefix(topicPrefix);
    }
}
