package io.taskstream.runtime.kafka;

import io.taskstream.events.envelope.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the pipeline's topics when they are missing; existing topics are left as they are. The events topic
 * keeps its records for ever ({@code retention.ms=-1}): replays and retrospectives read it from offset 0.
 */
public final class TopicSetup {
    private TopicSetup() {
    }

    public static void ensure(String bootstrapServers, Topics topics, int partitions, short replication) {
        ensure(bootstrapServers, topics, partitions, replication, Map.of());
    }

    /** @param extra client properties of the deployment (TLS, SASL; see {@link ClientProperties}) */
    public static void ensure(String bootstrapServers, Topics topics, int partitions, short replication,
                              Map<String, String> extra) {
        Properties p = ClientProperties.base(extra);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            for (Map.Entry<String, Integer> t : topics.layout(partitions).entrySet()) {
                try {
                    NewTopic topic = new NewTopic(t.getKey(), Optional.of(t.getValue()), Optional.of(replication));
                    if (t.getKey().equals(topics.events())) {
                        topic.configs(Map.of("retention.ms", "-1")); // the log is the history replays read
                    }
                    admin.createTopics(java.util.List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + t.getKey() + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer in time", e);
        }
    }
}
