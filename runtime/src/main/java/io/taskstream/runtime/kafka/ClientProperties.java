package io.taskstream.runtime.kafka;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Kafka client properties a deployment adds to every client (TLS, SASL): a service reads them from the
 * {@value #CONFIG_KEY} object of its configuration. The clients' own settings (acks, groups, offsets) are put after
 * them and win.
 */
public final class ClientProperties {
    /** The key of the properties in a service's configuration. */
    public static final String CONFIG_KEY = "kafka";

    private ClientProperties() {
    }

    /** The properties in {@code serviceConfig}; none when it has no {@value #CONFIG_KEY} object. */
    public static Map<String, String> from(JsonObject serviceConfig) {
        JsonObject kafka = serviceConfig.getJsonObject(CONFIG_KEY);
        Map<String, String> props = new TreeMap<>();
        if (kafka != null) {
            kafka.forEach(e -> props.put(e.getKey(), String.valueOf(e.getValue())));
        }
        return Map.copyOf(props);
    }

    /** New client properties holding {@code extra}, for the client to add its own to. */
    static Properties base(Map<String, String> extra) {
        Properties p = new Properties();
        p.putAll(extra);
        return p;
    }
}
