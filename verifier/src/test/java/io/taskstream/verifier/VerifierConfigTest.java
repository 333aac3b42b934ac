package io.taskstream.verifier;

import io.taskstream.runtime.kafka.KafkaClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifierConfigTest {
    private static final KafkaClientConfig KAFKA = KafkaClientConfig.of("127.0.0.1:9092", "taskstream");
    private static final Path CLONE = Path.of("/var/lib/taskstream/verifier/clone");
    private static final VerifierConfig VALID = VerifierConfig.defaults(KAFKA, "verifier-1", "file:///srv/tasks.git",
            CLONE, Path.of("/srv/ws"));

    @Test
    void defaults() {
        assertThat(VALID.branch()).isEqualTo("main");
        assertThat(VALID.concurrency()).isEqualTo(16);
        assertThat(VALID.defaultTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(VALID.actions().stateDir()).isEqualTo(CLONE.resolveSibling("actions"));
        assertThat(VALID.evidenceKeyGenerated()).isTrue();
        assertThat(VALID.evidenceKeyFile()).isEqualTo(CLONE.resolveSibling("evidence-key.pem"));
    }

    record Invalid(String name, UnaryOperator<VerifierConfig> change, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Invalid> invalids() {
        return Stream.of(
                new Invalid("no task at once", c -> c.withConcurrency(0),
                        "verifier.concurrency: 0 — expected an integer ≥ 1"),
                new Invalid("a blank branch", c -> c.withBranch(""), "verifier.branch: \"\" — expected"),
                new Invalid("a negative timeout", c -> c.withDefaultTimeout(Duration.ofSeconds(-5)),
                        "verifier.defaultTimeout: PT-5S — expected a duration > 0"),
                new Invalid("no committer", c -> c.withCommitter(" ", "verifier@taskstream.invalid"),
                        "verifier.committerName: \" \" — expected"),
                new Invalid("no e-mail", c -> c.withCommitter("Verifier", null), "verifier.committerEmail: null — expected"),
                new Invalid("no actions", c -> c.withActions(null), "verifier.actions: null — expected"),
                new Invalid("no task repo", c -> VerifierConfig.defaults(KAFKA, "verifier-1", "", CLONE, Path.of("/srv")),
                        "verifier.taskRepo: \"\" — expected"),
                new Invalid("no clone", c -> VerifierConfig.defaults(KAFKA, "verifier-1", "r", null, Path.of("/srv")),
                        "verifier.cloneDir: null — expected"),
                new Invalid("no workspace", c -> VerifierConfig.defaults(KAFKA, "verifier-1", "r", CLONE, null),
                        "verifier.workspaceRoot: null — expected"),
                new Invalid("no kafka", c -> VerifierConfig.defaults(null, "verifier-1", "r", CLONE, Path.of("/srv")),
                        "verifier.kafka: null — expected"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalids")
    void aBadValueIsRefusedNamingTheKeyTheValueAndWhatIsExpected(Invalid invalid) {
        assertThatThrownBy(() -> invalid.change().apply(VALID)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(invalid.message());
    }

    @Test
    void toStringMasksTheSecrets() {
        VerifierConfig config = VALID.withSecrets(Map.of("token", "s3cr3t-v4lue"));

        assertThat(config.toString()).contains("token=***", "branch=main").doesNotContain("s3cr3t-v4lue");
    }
}
