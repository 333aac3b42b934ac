package io.taskstream.runtime.kafka;

import io.taskstream.events.envelope.Topics;
import io.taskstream.runtime.config.ConfigCheck;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What every service needs to reach its topics: the cluster, the topics' prefix and the client properties (TLS,
 * SASL) a deployment adds to every Kafka client. The clients' own settings (acks, groups, offsets) are put after
 * those properties and win. Credentials among them are masked in {@link #toString()}.
 *
 * @param bootstrapServers the cluster, {@code host:port[,host:port…]}
 * @param topicPrefix      prefix of the topic names ({@code <prefix>.events}, {@code .retry}, {@code .dlt})
 * @param clientProperties Kafka client properties, e.g. {@code security.protocol}; none when null
 */
public record KafkaClientConfig(String bootstrapServers, String topicPrefix, Map<String, String> clientProperties) {
    public static final String DEFAULT_TOPIC_PREFIX = "taskstream";

    private static final Pattern SERVER = Pattern.compile("\\S+:\\d{1,5}");
    /** What Kafka allows in a topic name, leaving room for the longest suffix ({@code .events}). */
    private static final Pattern PREFIX = Pattern.compile("[a-zA-Z0-9._-]{1,240}");

    public KafkaClientConfig {
        if (bootstrapServers == null || Arrays.stream(bootstrapServers.split(",", -1))
                .anyMatch(s -> !SERVER.matcher(s.trim()).matches())) {
            throw ConfigCheck.invalid("kafka.bootstrapServers", bootstrapServers, "host:port[,host:port…]");
        }
        if (topicPrefix == null || !PREFIX.matcher(topicPrefix).matches()) {
            throw ConfigCheck.invalid("kafka.topicPrefix", topicPrefix,
                    "1 to 240 of the characters Kafka allows in topic names: a-z A-Z 0-9 . _ -");
        }
        clientProperties = clientProperties == null ? Map.of() : copy(clientProperties);
    }

    /** A cluster whose clients need nothing besides the bootstrap servers. */
    public static KafkaClientConfig of(String bootstrapServers, String topicPrefix) {
        return new KafkaClientConfig(bootstrapServers, topicPrefix, Map.of());
    }

    /** The topics of this pipeline. */
    public Topics topics() {
        return Topics.withPrefix(topicPrefix);
    }

    /** Whether the value of the client property {@code key} is a credential (a password, a JAAS config, a key). */
    public static boolean isCredential(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("token") || k.contains("jaas")
                || k.contains("credential") || k.endsWith(".key");
    }

    /** Credentials masked: their values are never shown. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        clientProperties.forEach((k, v) -> shown.put(k, isCredential(k) ? ConfigCheck.MASKED : v));
        return "KafkaClientConfig[bootstrapServers=" + bootstrapServers + ", topicPrefix=" + topicPrefix
                + ", clientProperties=" + shown + "]";
    }

    private static Map<String, String> copy(Map<String, String> properties) {
        Map<String, String> copy = new TreeMap<>();
        properties.forEach((k, v) -> {
            if (k == null || k.isBlank()) {
                throw ConfigCheck.invalid("kafka.clientProperties", k, "each property to have a name");
            }
            if (v == null) {
                throw ConfigCheck.invalid("kafka.clientProperties." + k, null, "a value");
            }
            copy.put(k, v);
        });
        return Map.copyOf(copy);
    }
}
