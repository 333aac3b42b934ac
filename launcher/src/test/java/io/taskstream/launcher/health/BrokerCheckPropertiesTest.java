package io.taskstream.launcher.health;

import io.taskstream.kafka.embedded.EmbeddedKafka;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The readiness check's client gets the deployment's Kafka client properties, as every other client does. */
class BrokerCheckPropertiesTest {
    @Test
    void theCheckSpeaksTheConfiguredProtocol() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             BrokerCheck plain = new BrokerCheck(kafka.bootstrapServers(), Map.of(), Clock.systemUTC());
             BrokerCheck tls = new BrokerCheck(kafka.bootstrapServers(), Map.of("security.protocol", "SSL"),
                     Clock.systemUTC())) {
            assertThat(plain.check().ok()).as(plain.check().problem()).isTrue();
            // TLS against the plaintext listener: only a client that got the property fails
            assertThat(tls.check().ok()).isFalse();
        }
    }
}
