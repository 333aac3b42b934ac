package io.taskstream.reporter;

import io.taskstream.runtime.kafka.KafkaClientConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReporterConfigTest {
    private static final KafkaClientConfig KAFKA = KafkaClientConfig.of("127.0.0.1:9092", "taskstream");
    private static final ReporterConfig VALID = ReporterConfig.defaults(KAFKA, Path.of("reports"));

    @Test
    void defaults() {
        assertThat(VALID.instance()).isEqualTo("reporter-1");
        assertThat(VALID.statusPort()).as("no status page").isNull();
        assertThat(VALID.withStatus("127.0.0.1", 0).statusPort()).isZero();
    }

    @Test
    void aBadValueIsRefusedNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> VALID.withStatus("127.0.0.1", 70_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reporter.statusPort: 70000 — expected a port within 0..65535 (0: any free port)");
        assertThatThrownBy(() -> VALID.withStatus(" ", 8080)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("reporter.statusHost: \" \" — expected");
        assertThatThrownBy(() -> ReporterConfig.defaults(KAFKA, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("reporter.reportsDir: null — expected");
        assertThatThrownBy(() -> ReporterConfig.defaults(null, Path.of("reports")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("reporter.kafka: null — expected");
        assertThatThrownBy(() -> new ReporterConfig(KAFKA, "\t", Path.of("reports"), "127.0.0.1", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("reporter.instance: \"\t\" — expected");
    }
}
