package io.taskstream.executor;

import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A metrics reporter that records the Kafka clients it was configured in, by group ({@code group <id>}) or else by
 * client id ({@code client <id>}): it is only there when the client properties reached them.
 */
public final class ClientsSeen implements MetricsReporter {
    static final Set<String> CLIENTS = ConcurrentHashMap.newKeySet();

    /** Client properties that put this reporter into every client. */
    static Map<String, String> properties() {
        return Map.of("metric.reporters", ClientsSeen.class.getName());
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object group = configs.get("group.id");
        CLIENTS.add(group != null ? "group " + group : "client " + configs.get("client.id"));
    }

    @Override
    public void init(List<KafkaMetric> metrics) {
    }

    @Override
    public void metricChange(KafkaMetric metric) {
    }

    @Override
    public void metricRemoval(KafkaMetric metric) {
    }

    @Override
    public void close() {
    }
}
