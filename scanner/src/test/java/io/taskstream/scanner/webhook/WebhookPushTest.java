package io.taskstream.scanner.webhook;

import io.taskstream.testkit.ClientsSeen;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.data.ScanRequested;
import io.taskstream.events.envelope.Source;
import io.taskstream.kafka.embedded.EmbeddedKafka;
import io.taskstream.scanner.webhook.WebhookHarness.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.taskstream.scanner.webhook.Hook.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** Pushes that start a scan: one scan.requested per delivery, on the real broker, answered once it is there. */
@Timeout(120)
@ExtendWith(SharedBroker.class)
class WebhookPushTest {
    static final byte[] GITHUB_PUSH = fixture("github-push.json");
    static final byte[] GITEA_PUSH = fixture("gitea-push.json");
    static final byte[] GITLAB_PUSH = fixture("gitlab-push.json");

    private WebhookHarness hooks;

    @BeforeEach
    void deploy(EmbeddedKafka kafka) {
        hooks = new WebhookHarness(kafka);
    }

    @AfterEach
    void undeploy() throws Exception {
        hooks.close();
    }

    record Push(String name, Hook hook, String trigger, String delivery) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Push> pushes() {
        return Stream.of(
                new Push("GitHub", Hook.github("push", "gh-1", GITHUB_PUSH), "webhook:github", "gh-1"),
                new Push("Gitea", Hook.gitea("push", "gt-1", GITEA_PUSH), "webhook:gitea", "gt-1"),
                new Push("Forgejo", Hook.forgejo("push", "fj-1", GITEA_PUSH), "webhook:gitea", "fj-1"),
                new Push("GitLab", Hook.gitlab("Push Hook", "gl-1", GITLAB_PUSH), "webhook:gitlab", "gl-1"),
                new Push("GitLab, Idempotency-Key only", Hook.gitlab("Push Hook", "x", GITLAB_PUSH)
                        .without("X-Gitlab-Event-UUID").with("Idempotency-Key", "gl-key-1"), "webhook:gitlab", "gl-key-1"));
    }

    @Test
    void theWebhooksKafkaClientGetsTheClientProperties() throws Exception {
        hooks.deploy(hooks.config(ClientsSeen.properties()));

        assertThat(ClientsSeen.CLIENTS).contains("client webhook-" + WebhookHarness.INSTANCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pushes")
    void aPushOfTheRepoAndBranchRequestsOneScan(Push push) throws Exception {
        hooks.deploy();

        Reply reply = hooks.send(push.hook());

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.field("status")).isEqualTo("accepted");
        assertThat(reply.field("delivery")).isEqualTo(push.delivery());
        assertOnlyScans(reply.field("runId"), push.trigger());
    }

    @Test
    void aRedeliveryIsAnsweredDuplicateAndScannedOnce() throws Exception {
        hooks.deploy();
        Hook push = Hook.github("push", "d-1", GITHUB_PUSH);

        Reply forged = hooks.send(push.with("X-Hub-Signature-256", "sha256=" + Hook.hmac("guess", GITHUB_PUSH)));
        Reply first = hooks.send(push);
        Reply again = hooks.send(push);

        assertThat(forged.status()).isEqualTo(401);
        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body().getMap()).isEqualTo(Map.of("status", "duplicate", "delivery", "d-1"));
        assertOnlyScans(first.field("runId"), "webhook:github");

        Reply otherHost = hooks.send(Hook.gitlab("Push Hook", "d-1", GITLAB_PUSH));
        assertThat(otherHost.field("status")).as("delivery ids are per provider").isEqualTo("accepted");
        assertThat(hooks.events()).hasSize(2);
    }

    @Test
    void theRepositoryMayBeNamedByItsCloneUrlAndTheBranchIsConfigurable() throws Exception {
        hooks.deploy(hooks.config().withPushesOf(List.of("HTTPS://gitea.example.invalid/ACME/tasks/"), "release"));
        Reply toMain = hooks.send(Hook.gitea("push", "gt-main", GITEA_PUSH));
        Reply otherRepo = hooks.send(Hook.github("push", "gh-release", toRelease("github-push.json")));
        Reply accepted = hooks.send(Hook.gitea("push", "gt-release", toRelease("gitea-push.json")));

        assertThat(toMain.status()).isEqualTo(202);
        assertThat(toMain.body().getMap()).isEqualTo(Map.of("status", "ignored",
                "reason", "push to refs/heads/main is not to the configured branch release (refs/heads/release)"));
        assertThat(otherRepo.field("status")).isEqualTo("ignored");
        assertThat(otherRepo.field("reason")).contains("Acme/Tasks", "https://github.example.invalid/Acme/Tasks.git",
                "is not a configured repository [HTTPS://gitea.example.invalid/ACME/tasks/]");
        assertThat(accepted.field("status")).isEqualTo("accepted");
        assertOnlyScans(accepted.field("runId"), "webhook:gitea");
    }

    private static byte[] toRelease(String fixture) {
        return fixture(fixture, push -> push.put("ref", "refs/heads/release"));
    }

    /** The topic holds exactly the scan.requested of this run, as the webhook instance published it. */
    private void assertOnlyScans(String runId, String trigger) throws Exception {
        assertThat(runId).isNotBlank();
        assertThat(hooks.events()).singleElement().satisfies(e -> {
            assertThat(e.runId()).isEqualTo(runId);
            assertThat(e.subject()).isEqualTo(runId);
            assertThat(e.source()).isEqualTo(Source.of("webhook", WebhookHarness.INSTANCE));
            assertThat(e.data()).isEqualTo(new ScanRequested("", "", false, trigger, ExecutionOptions.defaults()));
        });
    }
}
