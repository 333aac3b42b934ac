package io.taskstream.scanner.webhook;

import io.taskstream.runtime.kafka.KafkaClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookConfigTest {
    private static final KafkaClientConfig KAFKA = KafkaClientConfig.of("127.0.0.1:9092", "taskstream");

    private static WebhookConfig minimal() {
        return WebhookConfig.defaults(KAFKA, List.of("acme/tasks"), new WebhookConfig.Secrets("gh", null, null));
    }

    @Test
    void defaults() {
        WebhookConfig config = minimal();

        assertThat(config).isEqualTo(new WebhookConfig(KAFKA, "webhook-1", "127.0.0.1", 0, 1024 * 1024,
                List.of("acme/tasks"), "main", new WebhookConfig.Secrets("gh", null, null), Duration.ofSeconds(10),
                Duration.ofSeconds(10)));
        assertThat(config.secret(Provider.GITHUB)).contains("gh");
        assertThat(config.secret(Provider.GITEA)).isEmpty();
    }

    @Test
    void secretsComeFromTheEnvironmentWhenTheConfigHasNone() {
        Map<String, String> env = Map.of("TASKSTREAM_GITHUB_SECRET", "env-gh", "TASKSTREAM_GITEA_SECRET", "env-gt",
                "TASKSTREAM_GITLAB_TOKEN", "env-gl");

        WebhookConfig.Secrets secrets = WebhookConfig.Secrets.from(Map.of("githubSecret", "gh", "giteaSecret", "  "),
                env);

        assertThat(secrets.of(Provider.GITHUB)).as("the config wins").contains("gh");
        assertThat(secrets.of(Provider.GITEA)).as("blank is absent").contains("env-gt");
        assertThat(secrets.of(Provider.GITLAB)).contains("env-gl");
    }

    @Test
    void aSecretUnderAnUnknownKeyIsRefusedWithoutItsValue() {
        assertThatThrownBy(() -> WebhookConfig.Secrets.from(Map.of("githubsecret", "hunter2"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("webhook.secrets.githubsecret: *** — expected one of githubSecret, giteaSecret,"
                        + " gitlabToken")
                .message().doesNotContain("hunter2");
    }

    @Test
    void toStringHidesTheSecrets() {
        String text = minimal().withSecrets(new WebhookConfig.Secrets("gh-secret", null, "tok")).toString();

        assertThat(text).doesNotContain("gh-secret", "tok").contains("githubSecret=***", "giteaSecret=unset",
                "gitlabToken=***", "repositories=[acme/tasks]");
    }

    record Invalid(String name, UnaryOperator<WebhookConfig> change, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Invalid> invalids() {
        return Stream.of(
                new Invalid("no broker", c -> WebhookConfig.defaults(null, List.of("acme/tasks"), c.secrets()),
                        "webhook.kafka: null — expected"),
                new Invalid("no repositories", c -> c.withPushesOf(List.of(), "main"),
                        "webhook.repositories: [] — expected at least one repository (owner/name or URL)"),
                new Invalid("a blank repository", c -> c.withPushesOf(List.of(" "), "main"),
                        "webhook.repositories: [ ] — expected at least one repository (owner/name or URL)"),
                new Invalid("a missing repository", c -> c.withPushesOf(Arrays.asList("acme/tasks", null), "main"),
                        "webhook.repositories: [acme/tasks, null] — expected"),
                new Invalid("no branch", c -> c.withPushesOf(List.of("acme/tasks"), ""), "webhook.branch: \"\" — expected"),
                new Invalid("no secret at all", c -> c.withSecrets(new WebhookConfig.Secrets(null, " ", null)),
                        "webhook.secrets: Secrets[githubSecret=unset, giteaSecret=unset, gitlabToken=unset] — expected githubSecret, giteaSecret or gitlabToken (or"
                                + " TASKSTREAM_GITHUB_SECRET, TASKSTREAM_GITEA_SECRET, TASKSTREAM_GITLAB_TOKEN)"),
                new Invalid("port out of range", c -> c.withAddress("127.0.0.1", 70000),
                        "webhook.port: 70000 — expected a port within 0..65535"),
                new Invalid("no host", c -> c.withAddress(null, 0), "webhook.host: null — expected"),
                new Invalid("no room for a body", c -> c.withMaxBodyBytes(0),
                        "webhook.maxBodyBytes: 0 — expected an integer ≥ 1"),
                new Invalid("no idle time", c -> c.withDeadlines(Duration.ZERO, Duration.ofSeconds(1)),
                        "webhook.idleTimeout: PT0S — expected a duration ≥ 1 ms"),
                new Invalid("an idle timeout in microseconds", c -> c.withDeadlines(Duration.ofNanos(1000),
                        Duration.ofSeconds(1)), "webhook.idleTimeout: PT0.000001S — expected a duration ≥ 1 ms"),
                new Invalid("no body deadline", c -> c.withDeadlines(Duration.ofSeconds(1), null),
                        "webhook.bodyDeadline: null — expected a duration ≥ 1 ms"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalids")
    void anInvalidConfigIsRefusedWithTheReason(Invalid invalid) {
        assertThatThrownBy(() -> invalid.change().apply(minimal())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(invalid.message());
    }

    record Match(String configured, String received, boolean accepted) {
    }

    static Stream<Match> matches() {
        return Stream.of(
                new Match("acme/tasks", "Acme/Tasks", true),
                new Match("https://gitea.example.invalid/acme/tasks", "https://gitea.example.invalid/acme/tasks.git", true),
                new Match("HTTPS://Gitea.example.invalid/acme/tasks.git/", "https://gitea.example.invalid/acme/tasks", true),
                new Match("git@gitlab.example.invalid:acme/tasks.git", "git@gitlab.example.invalid:acme/tasks.git", true),
                new Match("acme/tasks", "acme/tasks-archive", false),
                new Match("acme/tasks", "https://gitea.example.invalid/acme/tasks.git", false),
                new Match("acme/tasks", "other/tasks", false));
    }

    @ParameterizedTest
    @MethodSource("matches")
    void repositoriesMatchIgnoringCaseTrailingSlashAndDotGit(Match match) {
        WebhookConfig config = minimal().withPushesOf(List.of(match.configured()), "main");

        assertThat(config.acceptsRepository(List.of("unrelated/repo", match.received()))).isEqualTo(match.accepted());
        assertThat(Optional.of(config.acceptsRepository(List.of()))).contains(false);
    }
}
