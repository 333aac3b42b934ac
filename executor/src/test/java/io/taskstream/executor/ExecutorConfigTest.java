package io.taskstream.executor;

import io.taskstream.runtime.kafka.KafkaClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutorConfigTest {
    private static final KafkaClientConfig KAFKA = KafkaClientConfig.of("127.0.0.1:9092", "taskstream");
    private static final ExecutorConfig VALID = ExecutorConfig.defaults(KAFKA, "executor-1", Path.of("/srv/ws"));

    @Test
    void defaults() {
        assertThat(VALID.maxAttempts()).isEqualTo(2);
        assertThat(VALID.retryBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(VALID.defaultTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(VALID.concurrency()).isEqualTo(16);
        assertThat(VALID.secrets()).isEmpty();
        assertThat(VALID.actions().kubeContext()).isEmpty();
    }

    record Invalid(String name, UnaryOperator<ExecutorConfig> change, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Invalid> invalids() {
        return Stream.of(
                new Invalid("no attempt at all", c -> c.withMaxAttempts(0),
                        "executor.maxAttempts: 0 — expected an integer ≥ 1"),
                new Invalid("no task at once", c -> c.withConcurrency(0),
                        "executor.concurrency: 0 — expected an integer ≥ 1"),
                new Invalid("a negative backoff", c -> c.withRetryBackoff(Duration.ofMillis(-1)),
                        "executor.retryBackoff: PT-0.001S — expected a duration ≥ 0"),
                new Invalid("no backoff", c -> c.withRetryBackoff(null), "executor.retryBackoff: null — expected"),
                new Invalid("a zero timeout", c -> c.withDefaultTimeout(Duration.ZERO),
                        "executor.defaultTimeout: PT0S — expected a duration > 0"),
                new Invalid("no actions", c -> c.withActions(null), "executor.actions: null — expected"),
                new Invalid("no workspace", c -> new ExecutorConfig(KAFKA, "executor-1", null, 2, Duration.ZERO,
                        Duration.ofSeconds(1), 1, Map.of(), c.actions()), "executor.workspaceRoot: null — expected"),
                new Invalid("a blank instance", c -> ExecutorConfig.defaults(KAFKA, " ", Path.of("/srv/ws")),
                        "executor.instance: \" \" — expected"),
                new Invalid("no kafka", c -> ExecutorConfig.defaults(null, "executor-1", Path.of("/srv/ws")),
                        "executor.kafka: null — expected"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalids")
    void aBadValueIsRefusedNamingTheKeyTheValueAndWhatIsExpected(Invalid invalid) {
        assertThatThrownBy(() -> invalid.change().apply(VALID)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(invalid.message());
    }

    @Test
    void aSecretWithoutAValueIsRefusedWithoutShowingTheOthers() {
        Map<String, String> secrets = new HashMap<>();
        secrets.put("registry-token", "s3cr3t-v4lue");
        secrets.put("db-password", null);

        assertThatThrownBy(() -> VALID.withSecrets(secrets)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("executor.secrets.db-password: null — expected")
                .message().doesNotContain("s3cr3t-v4lue");
    }

    @Test
    void toStringMasksTheSecrets() {
        ExecutorConfig config = VALID.withSecrets(Map.of("registry-token", "s3cr3t-v4lue"));

        assertThat(config.toString()).contains("registry-token=***", "maxAttempts=2").doesNotContain("s3cr3t-v4lue");
        assertThat(config.secrets()).containsEntry("registry-token", "s3cr3t-v4lue");
    }
}
