package io.taskstream.launcher.cli;

import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A metrics reporter that records the client id of every Kafka client (admin, producer, consumer) it is configured
 * in. Named by {@code metric.reporters} in a {@code kafka:} map, it is only there when the property reached the
 * client.
 */
public final class SeenClients implements MetricsReporter {
    static final List<String> IDS = new CopyOnWriteArrayList<>();

    @Override
    public void configure(Map<String, ?> configs) {
        IDS.add(String.valueOf(configs.get("client.id")));
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
