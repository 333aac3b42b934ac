package io.taskstream.runtime.kafka;

import java.util.Map;
import java.util.Properties;

/**
 * Kafka client properties a deployment adds to every client (TLS, SASL), as {@link KafkaClientConfig} carries
 * them. The clients' own settings (acks, groups, offsets) are put after them and win.
 */
public final class ClientProperties {
    private ClientProperties() {
    }

    /** New client properties holding {@code extra}, for the client to add its own to. */
    static Properties base(Map<String, String> extra) {
        Properties p = new Properties();
        p.putAll(extra);
        return p;
    }
}
