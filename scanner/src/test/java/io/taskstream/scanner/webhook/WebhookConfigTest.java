package io.taskstream.scanner.webhook;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookConfigTest {

    private static JsonObject minimal() {
        return new JsonObject().put("bootstrapServers", "127.0.0.1:9092")
                .put("repositories", new JsonArray().add("acme/tasks")).put("githubSecret", "gh");
    }

    @Test
    void defaults() {
        WebhookConfig config = WebhookConfig.from(minimal(), Map.of());

        assertThat(config).isEqualTo(new WebhookConfig("127.0.0.1:9092", "taskstream", "webhook-1", "127.0.0.1", 0,
                1024 * 1024, List.of("acme/tasks"), "main", "gh", null, null));
        assertThat(config.secret(Provider.GITHUB)).contains("gh");
        assertThat(config.secret(Provider.GITEA)).isEmpty();
    }

    @Test
    void secretsComeFromTheEnvironmentWhenTheConfigHasNone() {
        JsonObject c = minimal().put("giteaSecret", "  ");
        Map<String, String> env = Map.of("TASKSTREAM_GITHUB_SECRET", "env-gh", "TASKSTREAM_GITEA_SECRET", "env-gt",
                "TASKSTREAM_GITLAB_TOKEN", "env-gl");

        WebhookConfig config = WebhookConfig.from(c, env);

        assertThat(config.secret(Provider.GITHUB)).as("the config wins").contains("gh");
        assertThat(config.secret(Provider.GITEA)).as("blank is absent").contains("env-gt");
        assertThat(config.secret(Provider.GITLAB)).contains("env-gl");
    }

    @Test
    void toStringHidesTheSecrets() {
        String text = WebhookConfig.from(minimal().put("gitlabToken", "tok"), Map.of()).toString();

        assertThat(text).doesNotContain("gh,", "tok").contains("githubSecret=***", "giteaSecret=unset",
                "gitlabToken=***", "repositories=[acme/tasks]");
    }

    record Invalid(String name, Consumer<JsonObject> change, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Invalid> invalids() {
        return Stream.of(
                new Invalid("no broker", c -> c.remove("bootstrapServers"), "bootstrapServers is required"),
                new Invalid("no repositories", c -> c.remove("repositories"),
                        "repositories must name at least one repository (owner/name or URL)"),
                new Invalid("a blank repository", c -> c.put("repositories", new JsonArray().add(" ")),
                        "repositories must name at least one repository (owner/name or URL)"),
                new Invalid("no secret at all", c -> c.remove("githubSecret"), "no provider configured: set githubSecret,"
                        + " giteaSecret or gitlabToken (or TASKSTREAM_GITHUB_SECRET, TASKSTREAM_GITEA_SECRET,"
                        + " TASKSTREAM_GITLAB_TOKEN)"),
                new Invalid("port out of range", c -> c.put("port", 70000), "port must be within 0..65535: 70000"),
                new Invalid("no room for a body", c -> c.put("maxBodyBytes", 0), "maxBodyBytes must be >= 1: 0"),
                new Invalid("port as text", c -> c.put("port", "eighty"), "webhook config has a value of the wrong type"),
                new Invalid("repositories as text", c -> c.put("repositories", "acme/tasks"),
                        "webhook config has a value of the wrong type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalids")
    void anInvalidConfigIsRefusedWithTheReason(Invalid invalid) {
        JsonObject c = minimal();
        invalid.change().accept(c);

        assertThatThrownBy(() -> WebhookConfig.from(c, Map.of())).isInstanceOf(IllegalArgumentException.class)
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
        WebhookConfig config = WebhookConfig.from(minimal()
                .put("repositories", new JsonArray().add(match.configured())), Map.of());

        assertThat(config.acceptsRepository(List.of("unrelated/repo", match.received()))).isEqualTo(match.accepted());
        assertThat(Optional.of(config.acceptsRepository(List.of()))).contains(false);
    }
}
