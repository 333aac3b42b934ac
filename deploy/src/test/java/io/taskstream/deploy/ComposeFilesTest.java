package io.taskstream.deploy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose files as a user combines them, read by docker-compose itself ({@code config}): the default stack
 * (with apache/kafka, which the stack test cannot pull here) and the local-broker variant.
 */
class ComposeFilesTest {

    @Test
    void theDefaultStackHasTheBrokerTheFourServicesARegistryAndPublishesOnLoopbackOnly() throws Exception {
        String config = config("docker-compose.yml", "docker-compose.override.yml");

        assertThat(config).contains("image: apache/kafka:", "- serve\n    - scanner", "- serve\n    - executor",
                "- serve\n    - verifier", "- serve\n    - reporter", "registry:", "condition: service_healthy");
        assertThat(config.lines().filter(l -> l.strip().matches("- .*:\\d+:\\d+/tcp")).toList())
                .as("published ports").isNotEmpty().allMatch(l -> l.strip().startsWith("- 127.0.0.1:"));
    }

    @Test
    void theLocalBrokerVariantRunsTheBrokerFromTheTaskstreamImage() throws Exception {
        String config = config("docker-compose.yml", "deploy/compose/local-broker.yml");

        assertThat(config).contains("- broker\n    - --listen\n    - 0.0.0.0:9092\n    - --advertise\n    - kafka")
                .doesNotContain("image: apache/kafka");
    }

    private static String config(String... files) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("docker-compose", "--ansi", "never"));
        for (String f : files) {
            command.addAll(List.of("-f", f));
        }
        command.add("config");
        return Compose.Shell.run(Compose.CHECKOUT, command, Map.of("TASKSTREAM_IMAGE", "taskstream:test"),
                Duration.ofSeconds(60));
    }
}
