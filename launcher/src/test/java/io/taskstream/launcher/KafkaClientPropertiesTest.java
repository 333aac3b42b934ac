package io.taskstream.launcher;

import io.taskstream.kafka.embedded.EmbeddedKafka;
import io.taskstream.launcher.pipeline.PipelineConfig;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The `kafka:` client properties of the configuration reach the producers and consumers of every service. */
class KafkaClientPropertiesTest {
    @TempDir
    Path tmp;

    @Test
    void theServicesClientsGetTheConfiguredProperties() throws Exception {
        Seen.CLIENTS.clear();
        TaskRepoFixture repo = TaskRepoFixture.create(tmp.resolve("repo"), Map.of("tasks/active/.keep", ""));
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), "props", repo.url, "main",
                    tmp.resolve("ws"), tmp.resolve("state"), tmp.resolve("reports"), 1, 2, 200, 3)
                    .withKafka(Map.of("interceptor.classes", Seen.class.getName()));
            try (RunningPipeline ignored = new RunningPipeline(config)) {
                assertThat(Seen.CLIENTS).contains("producer executor-executor-1", "consumer executor-executor-1",
                        "producer verifier-verifier-1", "consumer verifier-verifier-1",
                        "producer scanner-scanner-1", "consumer scanner-scanner-1");
            }
        }
    }

    /** Records which clients Kafka configured it in: it is only there when the property reached them. */
    public static final class Seen implements ProducerInterceptor<Object, Object>, ConsumerInterceptor<Object, Object> {
        static final Set<String> CLIENTS = ConcurrentHashMap.newKeySet();

        @Override
        public void configure(Map<String, ?> configs) {
            String id = String.valueOf(configs.get("client.id"));
            // Executors are named executor-N.<process>; the process part varies.
            String name = id.replaceFirst("\\..*", "");
            CLIENTS.add((configs.containsKey("group.id") ? "consumer " : "producer ") + name);
        }

        @Override
        public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        }

        @Override
        public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
            return records;
        }

        @Override
        public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        }

        @Override
        public void close() {
        }
    }
}
