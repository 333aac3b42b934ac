package io.taskstream.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskstream.events.envelope.Topics;
import io.taskstream.kafka.embedded.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** report -o json: the reports it wrote, as a JSON array, against a live broker. */
class ReportJsonTest {

    @Test
    void anEmptyLogIsAnEmptyArray(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(Topics.withPrefix("rep").events(), 1, (short) 1))).all().get();
            }

            Cli.Result r = Cli.run("report", "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", "rep",
                    "--out", tmp.toString(), "-o", "json");

            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(r.out());
            assertThat(json.isArray()).isTrue();
            assertThat(json).isEmpty();
        }
    }
}
