package io.taskstream.testkit;

import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A metrics reporter that records the Kafka clients (admin, producer, consumer) it was configured in: it is there
 * only when client properties naming it ({@link #properties()}, or {@code metric.reporters} in a {@code kafka:} map)
 * reached them.
 */
public final class ClientsSeen implements MetricsReporter {
    /** {@code client <client.id>} for every client, and {@code group <group.id>} for each consumer of a group. */
    public static final Set<String> CLIENTS = ConcurrentHashMap.newKeySet();
    private static final String CLIENT = "client ";

    /** Client properties that put this reporter into every client. */
    public static Map<String, String> properties() {
        return Map.of("metric.reporters", ClientsSeen.class.getName());
    }

    /** The client ids seen. */
    public static List<String> clientIds() {
        return CLIENTS.stream().filter(c -> c.startsWith(CLIENT)).map(c -> c.substring(CLIENT.length())).toList();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        CLIENTS.add(CLIENT + configs.get("client.id"));
        Object group = configs.get("group.id");
        if (group != null) {
            CLIENTS.add("group " + group);
        }
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
