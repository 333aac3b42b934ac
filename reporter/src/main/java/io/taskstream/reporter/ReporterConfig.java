package io.taskstream.reporter;

import io.taskstream.runtime.config.ConfigCheck;
import io.taskstream.runtime.kafka.KafkaClientConfig;

import java.nio.file.Path;

/**
 * The reporter's settings; checked when built, so that a bad value stops the deployment before it starts.
 *
 * @param kafka      the cluster to read and the topics' prefix; the events are on {@code <prefix>.events}
 * @param instance   names this reporter in the Kafka client id and logs
 * @param reportsDir where {@code session-<runId>.md} and {@code .json} are written
 * @param statusHost address the status page listens on
 * @param statusPort port of the status page (0: any free port); null: no status page
 */
public record ReporterConfig(KafkaClientConfig kafka, String instance, Path reportsDir, String statusHost,
                             Integer statusPort) {
    public static final String DEFAULT_INSTANCE = "reporter-1";
    public static final String DEFAULT_STATUS_HOST = "127.0.0.1";

    public ReporterConfig {
        ConfigCheck.present("reporter.kafka", kafka, "the cluster and topics");
        ConfigCheck.text("reporter.instance", instance, "a name for this instance");
        ConfigCheck.path("reporter.reportsDir", reportsDir);
        if (statusPort != null) {
            ConfigCheck.port("reporter.statusPort", statusPort);
            ConfigCheck.text("reporter.statusHost", statusHost, "the address the status page listens on");
        }
    }

    /** A reporter named {@code reporter-1} without a status page. */
    public static ReporterConfig defaults(KafkaClientConfig kafka, Path reportsDir) {
        return new ReporterConfig(kafka, DEFAULT_INSTANCE, reportsDir, DEFAULT_STATUS_HOST, null);
    }

    /** This reporter serving its status page on {@code host:port} (port 0: any free port). */
    public ReporterConfig withStatus(String host, int port) {
        return new ReporterConfig(kafka, instance, reportsDir, host, port);
    }
}
