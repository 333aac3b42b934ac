package io.taskstream.testkit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerExtensionTest {
    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    private static String bootstrapInBeforeAll;

    @BeforeAll
    static void createTopic() {
        bootstrapInBeforeAll = kafka.bootstrapServers();
        kafka.createTopics(Map.of("ext.events", 2));
    }

    @Test
    void theBrokerRunsBeforeTheClassesOwnBeforeAllAndServesItsTopics() throws Exception {
        assertThat(bootstrapInBeforeAll).isEqualTo(kafka.broker().bootstrapServers()).startsWith("127.0.0.1:");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of("ext.events")).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get("ext.events").partitions()).hasSize(2);
        }
    }

    @Test
    void anUnregisteredExtensionHasNoBroker() {
        assertThatThrownBy(() -> new BrokerExtension().bootstrapServers())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("@RegisterExtension");
    }
}
