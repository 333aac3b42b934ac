package io.taskstream.scanner.webhook;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.codec.PoisonEventException;
import io.taskstream.events.data.EventData;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Topics;
import io.taskstream.kafka.embedded.EmbeddedKafka;
import io.taskstream.runtime.kafka.KafkaClientConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One webhook deployment against the shared broker, on its own topics: deploys the verticle, sends real HTTP
 * requests to it on 127.0.0.1 and reads what reached the events topic, from the beginning.
 */
final class WebhookHarness implements AutoCloseable {
    static final String INSTANCE = "hooks-a";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** An answer: status, JSON body (empty when the body is not JSON) and headers. */
    record Reply(int status, JsonObject body, Map<String, List<String>> headers) {
        String field(String name) {
            return body.getString(name);
        }
    }

    private final EmbeddedKafka kafka;
    private final String topic;
    private final String prefix = "webhook-" + UUID.randomUUID();
    private final Vertx vertx = Vertx.vertx();
    private int port;

    WebhookHarness(EmbeddedKafka kafka) {
        this.kafka = kafka;
        Topics topics = Topics.withPrefix(prefix);
        this.topic = topics.events();
        kafka.createTopics(topics.layout(3));
    }

    /** A config accepting Acme's task repo on main, with all three providers configured. */
    WebhookConfig config() {
        return config(Map.of());
    }

    /** {@link #config()} whose Kafka clients get {@code clientProperties}. */
    WebhookConfig config(Map<String, String> clientProperties) {
        return WebhookConfig.defaults(new KafkaClientConfig(kafka.bootstrapServers(), prefix, clientProperties),
                List.of("acme/tasks"),
                new WebhookConfig.Secrets(Hook.GITHUB_SECRET, Hook.GITEA_SECRET, Hook.GITLAB_TOKEN))
                .withInstance(INSTANCE);
    }

    WebhookHarness deploy() throws Exception {
        return deploy(config());
    }

    WebhookHarness deploy(WebhookConfig config) throws Exception {
        WebhookVerticle verticle = new WebhookVerticle(config);
        await(vertx.deployVerticle(verticle));
        port = verticle.actualPort();
        return this;
    }

    /** The port the deployed endpoint listens on. */
    int port() {
        return port;
    }

    /** Deploys and returns the failure's message; fails when the deployment succeeds. */
    String deployFailure(WebhookConfig config) throws Exception {
        Throwable failure = vertx.deployVerticle(new WebhookVerticle(config))
                .map((Throwable) null).otherwise(e -> e).toCompletionStage().toCompletableFuture()
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (failure == null) {
            throw new AssertionError("the deployment succeeded");
        }
        return failure.getMessage();
    }

    Reply send(Hook hook) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(hook.path())).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(hook.body()));
        hook.headers().forEach(request::header);
        return reply(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    Reply send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return reply(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * Writes {@code head} (request line and headers, without the blank line) and {@code body} bytes as they are on
     * a fresh connection in one write, then reads the answer until the server closes the connection.
     */
    String raw(String head, byte[] body) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            byte[] headBytes = (head + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, request, 0, headBytes.length);
            System.arraycopy(body, 0, request, headBytes.length, body.length);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every event on the events topic, read from the beginning up to the end offsets as of now. */
    List<Envelope<EventData>> events() throws PoisonEventException {
        EventCodec codec = new EventCodec();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<Envelope<EventData>> events = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + ends);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    events.add(codec.decode(r.value()));
                }
            }
            return events;
        }
    }

    @Override
    public void close() throws Exception {
        await(vertx.close());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Reply reply(HttpResponse<String> response) {
        String body = response.body();
        JsonObject json = body.startsWith("{") ? new JsonObject(body) : new JsonObject();
        return new Reply(response.statusCode(), json, response.headers().map());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
