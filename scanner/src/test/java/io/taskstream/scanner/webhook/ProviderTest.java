package io.taskstream.scanner.webhook;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each host's documented push payload, read into what decides a scan. */
class ProviderTest {

    record Payload(Provider provider, String fixture, PushInfo expected) {
        @Override
        public String toString() {
            return provider + " " + fixture;
        }
    }

    static Stream<Payload> payloads() {
        return Stream.of(
                new Payload(Provider.GITHUB, "github-push.json", new PushInfo(List.of("Acme/Tasks",
                        "https://github.example.invalid/Acme/Tasks.git", "git@github.example.invalid:Acme/Tasks.git",
                        "https://github.example.invalid/Acme/Tasks"), "refs/heads/main",
                        "1d0e3b3a8f6b5c2e9d7a4f1c0b8e6d5a3f2c1b0e", false)),
                new Payload(Provider.GITEA, "gitea-push.json", new PushInfo(List.of("acme/tasks",
                        "https://gitea.example.invalid/acme/tasks.git", "ssh://git@gitea.example.invalid:2222/acme/tasks.git",
                        "https://gitea.example.invalid/acme/tasks"), "refs/heads/main",
                        "bffeb74224043ba2feb48d137756c8a9331c449a", false)),
                new Payload(Provider.GITLAB, "gitlab-push.json", new PushInfo(List.of("acme/tasks",
                        "https://gitlab.example.invalid/acme/tasks.git", "git@gitlab.example.invalid:acme/tasks.git",
                        "https://gitlab.example.invalid/acme/tasks", "https://gitlab.example.invalid/acme/tasks.git",
                        "git@gitlab.example.invalid:acme/tasks.git", "https://gitlab.example.invalid/acme/tasks"),
                        "refs/heads/main", "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void readsTheDocumentedPushPayload(Payload payload) {
        PushInfo push = payload.provider().push(new JsonObject(Buffer.buffer(Hook.fixture(payload.fixture()))));

        assertThat(push).isEqualTo(payload.expected());
        assertThat(push.branch()).contains("main");
    }

    @Test
    void aDeletionIsSeenFromTheFlagOrTheNullCommit() {
        String zeros = "0".repeat(40);
        JsonObject flagged = new JsonObject().put("ref", "refs/heads/main").put("deleted", true).put("after", "abc");
        JsonObject nulled = new JsonObject().put("ref", "refs/heads/main").put("after", zeros);

        assertThat(Provider.GITHUB.push(flagged).deleted()).isTrue();
        assertThat(Provider.GITEA.push(nulled).deleted()).isTrue();
        assertThat(Provider.GITLAB.push(nulled).deleted()).isTrue();
        assertThat(Provider.GITLAB.push(nulled.copy().put("after", "0".repeat(64))).deleted()).as("SHA-256 repos").isTrue();
        assertThat(Provider.GITEA.push(nulled.copy().put("after", "a" + zeros)).deleted()).isFalse();
    }

    @Test
    void aPayloadWithoutRefIsNoPush() {
        assertThatThrownBy(() -> Provider.GITLAB.push(new JsonObject().put("object_kind", "push")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("push payload has no ref");
    }

    @Test
    void aTagIsNoBranch() {
        assertThat(Provider.GITHUB.push(new JsonObject().put("ref", "refs/tags/v1.0")).branch()).isEmpty();
    }

    @Test
    void eventsAndPaths() {
        assertThat(Provider.GITHUB.kind("push")).isEqualTo(Provider.Kind.PUSH);
        assertThat(Provider.GITHUB.kind("ping")).isEqualTo(Provider.Kind.PING);
        assertThat(Provider.GITHUB.kind("issues")).isEqualTo(Provider.Kind.OTHER);
        assertThat(Provider.GITEA.kind("push")).isEqualTo(Provider.Kind.PUSH);
        assertThat(Provider.GITEA.kind("ping")).as("Gitea has no ping").isEqualTo(Provider.Kind.OTHER);
        assertThat(Provider.GITLAB.kind("Push Hook")).isEqualTo(Provider.Kind.PUSH);
        assertThat(Provider.GITLAB.kind("Tag Push Hook")).isEqualTo(Provider.Kind.OTHER);
        assertThat(Provider.forPath("/hooks/gitea")).isEqualTo(Optional.of(Provider.GITEA));
        assertThat(Provider.forPath("/hooks/")).isEmpty();
        assertThat(Provider.GITLAB.trigger()).isEqualTo("webhook:gitlab");
    }
}
