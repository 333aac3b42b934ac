package io.taskstream.launcher.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.taskstream.runtime.kafka.KafkaClientConfig;
import io.taskstream.scanner.webhook.WebhookConfig;
import io.taskstream.scanner.webhook.WebhookVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What the webhook endpoint logs about a delivery names the scanner service and the endpoint's instance. */
class WebhookLogContextTest {
    @Test
    void aRefusedDeliveryIsLoggedWithTheServiceAndInstance() throws Exception {
        int nobody;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            nobody = s.getLocalPort();
        }
        // A delivery refused for its signature never reaches Kafka: no broker is needed here.
        WebhookConfig config = WebhookConfig.defaults(new KafkaClientConfig("127.0.0.1:" + nobody, "hooklog", Map.of()),
                List.of("ops/tasks"), WebhookConfig.Secrets.from(Map.of("githubSecret", "s3cret"), Map.of()));
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> capture = new OutputStreamAppender<>();
        capture.setContext(context);
        capture.setEncoder(LogSetup.jsonEncoder(context));
        capture.setOutputStream(captured);
        capture.start();
        Logger logger = context.getLogger(WebhookVerticle.class);
        logger.addAppender(capture);
        Vertx vertx = Vertx.vertx();
        try {
            WebhookVerticle webhook = new WebhookVerticle(config);
            vertx.deployVerticle(webhook).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + webhook.actualPort() + "/hooks/github"))
                    .header("X-GitHub-Event", "push").header("X-GitHub-Delivery", "d-1")
                    .header("X-Hub-Signature-256", "sha256=00").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(401);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            logger.detachAppender(capture);
            capture.stop();
        }

        List<JsonObject> refused = captured.toString(StandardCharsets.UTF_8).lines().map(JsonObject::new)
                .filter(l -> l.getString("message").contains("d-1")).toList();
        assertThat(refused).isNotEmpty().allSatisfy(l -> {
            assertThat(l.getString("service")).isEqualTo("scanner");
            assertThat(l.getString("instance")).isEqualTo("webhook-1");
        });
    }
}
