package io.taskstream.runtime.kafka;

import io.taskstream.events.envelope.Topics;
import io.taskstream.kafka.embedded.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The events topic is the history replays read: it must not expire. */
class TopicSetupRetentionTest {

    @Test
    void theEventsTopicKeepsEverythingAndTheRetryTopicKeepsTheBrokerDefault() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Topics topics = Topics.withPrefix("retention");
            TopicSetup.ensure(kafka.bootstrapServers(), topics, 2, (short) 1);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, topics.events());
                ConfigResource retry = new ConfigResource(ConfigResource.Type.TOPIC, topics.retry());
                // The broker learns of a new topic a moment after the controller created it.
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                    Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(events, retry)).all()
                            .get(30, TimeUnit.SECONDS);
                    assertThat(configs.get(events).get("retention.ms").value()).isEqualTo("-1");
                    assertThat(configs.get(retry).get("retention.ms").value()).isNotEqualTo("-1");
                });
            }
        }
    }
}
