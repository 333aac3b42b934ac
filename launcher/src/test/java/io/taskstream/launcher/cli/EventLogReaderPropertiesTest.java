package io.taskstream.launcher.cli;

import io.taskstream.testkit.ClientsSeen;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.kafka.embedded.EmbeddedKafka;
import io.taskstream.reporter.log.EventLogReader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The live reporter's log reader can take the deployment's Kafka client properties, as the CLI's clients do. */
class EventLogReaderPropertiesTest {
    @Test
    void theReadersConsumerGetsTheProperties() {
        ClientsSeen.CLIENTS.clear();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             EventLogReader reader = new EventLogReader(kafka.bootstrapServers(), "absent.events", "reader-props",
                     new EventCodec(), Map.of("metric.reporters", ClientsSeen.class.getName()))) {
            assertThat(ClientsSeen.clientIds()).contains("reader-props");
            assertThat(reader.topic()).isEqualTo("absent.events");
        }
    }
}
