package io.taskstream.runtime.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClientConfigTest {

    @Test
    void aValidConfigKeepsItsValuesAndNamesItsTopics() {
        KafkaClientConfig config = new KafkaClientConfig("127.0.0.1:9092,127.0.0.1:9093", "team-a",
                Map.of("security.protocol", "SSL"));

        assertThat(config.topics().events()).isEqualTo("team-a.events");
        assertThat(config.clientProperties()).containsExactly(Map.entry("security.protocol", "SSL"));
        assertThat(KafkaClientConfig.of("127.0.0.1:9092", "taskstream").clientProperties()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "kafka", "127.0.0.1:9092,", "127.0.0.1:port"})
    void badBootstrapServersAreRefusedWithTheKeyAndTheValue(String servers) {
        assertThatThrownBy(() -> KafkaClientConfig.of(servers, "taskstream"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("kafka.bootstrapServers: \"" + servers + "\" — expected host:port");
    }

    @Test
    void missingBootstrapServersAreRefused() {
        assertThatThrownBy(() -> KafkaClientConfig.of(null, "taskstream"))
                .hasMessageStartingWith("kafka.bootstrapServers: null — expected");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "team a", "team/a", "ümlaut"})
    void aTopicPrefixKafkaCannotNameTopicsWithIsRefused(String prefix) {
        assertThatThrownBy(() -> KafkaClientConfig.of("127.0.0.1:9092", prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("kafka.topicPrefix: \"" + prefix + "\" — expected");
    }

    @Test
    void aClientPropertyWithoutAValueIsRefused() {
        Map<String, String> props = new HashMap<>();
        props.put("ssl.truststore.location", null);

        assertThatThrownBy(() -> new KafkaClientConfig("127.0.0.1:9092", "taskstream", props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("kafka.clientProperties.ssl.truststore.location: null — expected");
    }

    @Test
    void toStringMasksCredentials() {
        KafkaClientConfig config = new KafkaClientConfig("127.0.0.1:9092", "taskstream", Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.jaas.config", "PlainLoginModule required username=\"u\" password=\"hunter2\";",
                "ssl.keystore.password", "kspass",
                "ssl.key.password", "keypass",
                "ssl.keystore.key", "-----BEGIN PRIVATE KEY-----abc"));

        assertThat(config.toString()).contains("SASL_SSL", "127.0.0.1:9092", "sasl.jaas.config=***")
                .doesNotContain("hunter2", "kspass", "keypass", "PRIVATE KEY");
    }
}
