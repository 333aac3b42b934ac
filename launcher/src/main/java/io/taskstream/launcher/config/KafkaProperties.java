package io.taskstream.launcher.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * Kafka client properties (TLS, SASL, timeouts) passed through to every client the services create; credentials
 * among them are redacted from {@link #toString()}.
 */
public record KafkaProperties(Map<String, String> values) {
    public static final KafkaProperties NONE = new KafkaProperties(Map.of());

    public KafkaProperties {
        values = Map.copyOf(values);
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        values.forEach((k, v) -> shown.put(k, SecretValues.shown(k, v)));
        return "KafkaProperties" + shown;
    }
}
