package io.taskstream.scanner;

import io.taskstream.runtime.kafka.KafkaClientConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScannerConfigTest {
    private static final KafkaClientConfig KAFKA = KafkaClientConfig.of("127.0.0.1:9092", "taskstream");
    private static final Path CACHE = Path.of("/var/lib/taskstream/scanner/clone");

    @Test
    void aValidConfigKeepsItsValues() {
        ScannerConfig config = new ScannerConfig(KAFKA, "scanner-1", "file:///srv/tasks.git", "main", CACHE);

        assertThat(config.cacheDir()).isEqualTo(CACHE);
        assertThat(config.kafka().topics().events()).isEqualTo("taskstream.events");
    }

    @Test
    void aBadValueIsRefusedNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> new ScannerConfig(KAFKA, "scanner-1", " ", "main", CACHE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("scanner.taskRepo: \" \" — expected");
        assertThatThrownBy(() -> new ScannerConfig(KAFKA, "scanner-1", "r", null, CACHE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("scanner.branch: null — expected");
        assertThatThrownBy(() -> new ScannerConfig(KAFKA, "scanner-1", "r", "main", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("scanner.cacheDir: null — expected");
        assertThatThrownBy(() -> new ScannerConfig(KAFKA, "", "r", "main", CACHE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("scanner.instance: \"\" — expected");
        assertThatThrownBy(() -> new ScannerConfig(null, "scanner-1", "r", "main", CACHE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("scanner.kafka: null — expected");
    }
}
