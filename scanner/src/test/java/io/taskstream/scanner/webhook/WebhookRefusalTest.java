package io.taskstream.scanner.webhook;

import io.taskstream.events.data.ScanRequested;
import io.taskstream.kafka.embedded.EmbeddedKafka;
import io.taskstream.scanner.webhook.WebhookHarness.Reply;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import static io.taskstream.scanner.webhook.Hook.fixture;
import static io.taskstream.scanner.webhook.WebhookPushTest.GITEA_PUSH;
import static io.taskstream.scanner.webhook.WebhookPushTest.GITHUB_PUSH;
import static io.taskstream.scanner.webhook.WebhookPushTest.GITLAB_PUSH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Deliveries that start no scan: forged ones (401), pings, other events, repositories, branches and deletions.
 * Each is followed by a valid push; the topic then holds exactly that push's scan, so the refused one emitted nothing.
 */
@Timeout(120)
@ExtendWith(SharedBroker.class)
class WebhookRefusalTest {
    private static final String NULL_SHA = "0000000000000000000000000000000000000000";

    private WebhookHarness hooks;

    @BeforeEach
    void deploy(EmbeddedKafka kafka) throws Exception {
        hooks = new WebhookHarness(kafka).deploy();
    }

    @AfterEach
    void undeploy() throws Exception {
        hooks.close();
    }

    record Refusal(String name, Hook hook, int status, String outcome, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Refusal> forgeries() {
        byte[] malformed = "{\"ref\": ".getBytes(StandardCharsets.UTF_8);
        Hook github = Hook.github("push", "gh-f", GITHUB_PUSH);
        Hook gitea = Hook.gitea("push", "gt-f", GITEA_PUSH);
        return Stream.of(
                forged("GitHub, no signature", github.without("X-Hub-Signature-256"),
                        "missing X-Hub-Signature-256 header"),
                forged("GitHub, SHA-1 signature only", github.without("X-Hub-Signature-256")
                        .with("X-Hub-Signature", "sha1=0123"), "missing X-Hub-Signature-256 header"),
                forged("GitHub, another secret", github.with("X-Hub-Signature-256",
                        "sha256=" + Hook.hmac("not the secret", GITHUB_PUSH)), "X-Hub-Signature-256 does not match the body"),
                forged("GitHub, no sha256= prefix", github.with("X-Hub-Signature-256", Hook.hmac(Hook.GITHUB_SECRET,
                        GITHUB_PUSH)), "X-Hub-Signature-256 is not of the form sha256=<hex>"),
                forged("GitHub, tampered body", github.withBody(fixture("github-push.json",
                        p -> p.put("ref", "refs/heads/evil"))), "X-Hub-Signature-256 does not match the body"),
                forged("GitHub, malformed JSON is not parsed before the check", github.withBody(malformed),
                        "X-Hub-Signature-256 does not match the body"),
                forged("Gitea, no signature", gitea.without("X-Gitea-Signature"),
                        "missing X-Gitea-Signature (or X-Forgejo-Signature) header"),
                forged("Gitea, GitHub's secret", gitea.with("X-Gitea-Signature",
                        Hook.hmac(Hook.GITHUB_SECRET, GITEA_PUSH)), "X-Gitea-Signature does not match the body"),
                forged("Forgejo, not hex", Hook.forgejo("push", "fj-f", GITEA_PUSH).with("X-Forgejo-Signature", "zz"),
                        "X-Forgejo-Signature does not match the body"),
                forged("GitLab, no token", Hook.gitlab("Push Hook", "gl-f", GITLAB_PUSH).without("X-Gitlab-Token"),
                        "missing X-Gitlab-Token header"),
                forged("GitLab, wrong token", Hook.gitlab("Push Hook", "gl-f", GITLAB_PUSH)
                        .with("X-Gitlab-Token", Hook.GITLAB_TOKEN + "x"), "X-Gitlab-Token does not match the configured token"));
    }

    static Stream<Refusal> ignorables() {
        return Stream.of(
                ignored("GitHub issues event", Hook.github("issues", "i-1", GITHUB_PUSH), "event issues is not a push"),
                ignored("Gitea issues event", Hook.gitea("issues", "i-2", GITEA_PUSH), "event issues is not a push"),
                ignored("GitLab tag push", Hook.gitlab("Tag Push Hook", "i-3", GITLAB_PUSH),
                        "event Tag Push Hook is not a push"),
                ignored("GitHub, another repository", Hook.github("push", "i-4", fixture("github-push.json",
                                p -> p.put("repository", new JsonObject().put("full_name", "acme/other")
                                        .put("clone_url", "https://github.example.invalid/acme/other.git")))),
                        "repository [acme/other, https://github.example.invalid/acme/other.git] is not a configured"
                                + " repository [acme/tasks]"),
                ignored("GitLab, another branch", Hook.gitlab("Push Hook", "i-5", fixture("gitlab-push.json",
                        p -> p.put("ref", "refs/heads/dev"))),
                        "push to refs/heads/dev is not to the configured branch main (refs/heads/main)"),
                ignored("Gitea, a tag", Hook.gitea("push", "i-6", fixture("gitea-push.json",
                        p -> p.put("ref", "refs/tags/v1.0"))),
                        "push to refs/tags/v1.0 is not to the configured branch main (refs/heads/main)"),
                ignored("GitHub, branch deleted", Hook.github("push", "i-7", fixture("github-push.json",
                        p -> p.put("deleted", true).put("after", NULL_SHA))),
                        "push deletes refs/heads/main (after " + NULL_SHA + ")"),
                ignored("GitLab, branch deleted", Hook.gitlab("Push Hook", "i-8", fixture("gitlab-push.json",
                        p -> p.put("after", NULL_SHA))), "push deletes refs/heads/main (after " + NULL_SHA + ")"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"forgeries", "ignorables"})
    void aRefusedDeliveryIsAnsweredWithItsReasonAndEmitsNothing(Refusal refusal) throws Exception {
        Reply reply = hooks.send(refusal.hook());

        assertThat(reply.status()).isEqualTo(refusal.status());
        assertThat(reply.body().getMap()).isEqualTo(Map.of("status", refusal.outcome(), "reason", refusal.reason()));
        assertOnlyTheNextPushIsScanned();
    }

    @Test
    void aGitHubPingIsAnsweredPong() throws Exception {
        Reply pong = hooks.send(Hook.github("ping", "p-1", fixture("github-ping.json")));
        Reply unsigned = hooks.send(Hook.github("ping", "p-2", fixture("github-ping.json"))
                .without("X-Hub-Signature-256"));

        assertThat(pong.status()).isEqualTo(200);
        assertThat(pong.body().getMap()).isEqualTo(Map.of("status", "pong"));
        assertThat(unsigned.status()).isEqualTo(401);
        assertOnlyTheNextPushIsScanned();
    }

    private void assertOnlyTheNextPushIsScanned() throws Exception {
        Reply valid = hooks.send(Hook.github("push", "valid-1", GITHUB_PUSH));
        assertThat(valid.field("status")).isEqualTo("accepted");
        assertThat(hooks.events()).extracting(e -> e.runId(), e -> e.data().getClass())
                .containsExactly(tuple(valid.field("runId"), ScanRequested.class));
    }

    private static Refusal forged(String name, Hook hook, String reason) {
        return new Refusal(name, hook, 401, "rejected", reason);
    }

    private static Refusal ignored(String name, Hook hook, String reason) {
        return new Refusal(name, hook, 202, "ignored", reason);
    }
}
