package io.taskstream.launcher;

import io.taskstream.kafka.embedded.EmbeddedKafka;
import io.taskstream.launcher.pipeline.Pipeline;
import io.taskstream.launcher.pipeline.PipelineConfig;
import io.taskstream.launcher.pipeline.Service;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A signed push from the git host starts a run, end to end. */
class WebhookTriggeredRunTest {
    private static final String SECRET = "webhook-test-secret";

    @Test
    void aSignedPushStartsARunThatExecutesAndRecordsTheTasks(@TempDir Path tmp) throws Exception {
        TaskRepoFixture repo = TaskRepoFixture.create(tmp.resolve("repo"), Map.of("tasks/active/TASK-001.md", """
                ---
                id: TASK-001
                title: Write the registry address
                priority: high
                ---

                # TASK-001: Write the registry address

                ## Acceptance Criteria
                - [ ] Address written
                  - run: `echo 127.0.0.1:5000 > registry.txt`
                  - verify: `grep -qx 127.0.0.1:5000 registry.txt`
                """));
        Path workspace = Files.createDirectories(tmp.resolve("workspace"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            PipelineConfig config = new PipelineConfig(kafka.bootstrapServers(), "hook", repo.url, "main", workspace,
                    tmp.resolve("state"), tmp.resolve("reports"), 1, 2, 200, 3,
                    new PipelineConfig.Webhook("127.0.0.1", 0, List.of("acme/infra-tasks"), Map.of("githubSecret", SECRET)));
            Vertx vertx = Vertx.vertx();
            Pipeline pipeline = new Pipeline(vertx, config);
            Map<String, JsonObject> finished = new ConcurrentHashMap<>();
            try {
                vertx.eventBus().<JsonObject>consumer("taskstream.run.finished", m -> finished.put(m.body().getString("runId"), m.body()))
                        .completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                pipeline.start(EnumSet.allOf(Service.class)).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

                HttpResponse<String> response = push(pipeline.webhookPort(), "refs/heads/main", "delivery-1");
                assertThat(response.statusCode()).isEqualTo(202);
                String runId = new JsonObject(response.body()).getString("runId");
                assertThat(push(pipeline.webhookPort(), "refs/heads/main", "delivery-1").body()).contains("duplicate");
                assertThat(push(pipeline.webhookPort(), "refs/heads/feature", "delivery-2").body()).contains("ignored");

                await().atMost(Duration.ofSeconds(90)).until(() -> finished.containsKey(runId));
                assertThat(finished.get(runId).getInteger("completed")).isEqualTo(1);
                assertThat(finished.keySet()).as("only the accepted delivery started a run").containsExactly(runId);
            } finally {
                pipeline.stop().toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(Files.readString(repo.cloneNow("after").resolve("tasks/completed/TASK-001.md"))).contains("- [x] Address written");
    }

    private static HttpResponse<String> push(int port, String ref, String delivery) throws Exception {
        String body = """
                {"ref":"%s","before":"0000000000000000000000000000000000000001","after":"6113728f27ae82c7b1a177c8d03f9e96e0adf246",
                 "repository":{"full_name":"acme/infra-tasks","clone_url":"https://git.example.invalid/acme/infra-tasks.git"},
                 "pusher":{"name":"ops"},"commits":[]}""".formatted(ref);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/github"))
                .header("X-GitHub-Event", "push").header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", signature).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
