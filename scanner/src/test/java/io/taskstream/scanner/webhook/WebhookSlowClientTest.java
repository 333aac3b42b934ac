package io.taskstream.scanner.webhook;

import io.taskstream.kafka.embedded.EmbeddedKafka;
import io.taskstream.scanner.webhook.WebhookHarness.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.taskstream.scanner.webhook.WebhookPushTest.GITHUB_PUSH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow clients (a slow loris: one byte every 200 ms, in the headers or in the body) are cut off within the body
 * deadline, answered 408 when their request was read far enough to answer; valid deliveries go through meanwhile.
 */
@Timeout(120)
@ExtendWith(SharedBroker.class)
class WebhookSlowClientTest {
    private static final long DEADLINE_MILLIS = 2000;
    private static final long PACE_MILLIS = 200;
    /** Scheduling on a loaded machine: the close may come somewhat after the deadline, never minutes after. */
    private static final long SLACK_MILLIS = 3000;

    private WebhookHarness hooks;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void deploy(EmbeddedKafka kafka) throws Exception {
        hooks = new WebhookHarness(kafka);
        hooks.deploy(hooks.config().withDeadlines(Duration.ofMillis(1500), Duration.ofMillis(DEADLINE_MILLIS)));
    }

    @AfterEach
    void undeploy() throws Exception {
        threads.shutdownNow();
        hooks.close();
    }

    /** What a slow client saw: how long the server kept it, and what it answered. */
    record Cut(long heldMillis, String answer) {
    }

    @Test
    void slowClientsAreCutOffWithinTheDeadlineAndValidDeliveriesGoThrough() throws Exception {
        String head = "POST /hooks/github HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-GitHub-Event: push\r\nContent-Length: 100000\r\n\r\n";
        List<CompletableFuture<Cut>> slowBodies = new ArrayList<>();
        List<CompletableFuture<Cut>> slowHeads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            slowBodies.add(slowClient(head.getBytes(StandardCharsets.US_ASCII), "{\"ref\": \"refs/heads/main\"".repeat(4000)));
        }
        for (int i = 0; i < 2; i++) {
            slowHeads.add(slowClient(new byte[0], head));
        }

        Reply valid = hooks.send(Hook.github("push", "gh-during-slow", GITHUB_PUSH));
        assertThat(valid.status()).isEqualTo(202);
        assertThat(valid.field("status")).isEqualTo("accepted");

        List<Cut> bodies = new ArrayList<>();
        for (CompletableFuture<Cut> c : slowBodies) {
            bodies.add(c.get(60, TimeUnit.SECONDS));
        }
        for (CompletableFuture<Cut> c : slowHeads) {
            Cut cut = c.get(60, TimeUnit.SECONDS);
            assertThat(cut.heldMillis()).as("slow headers cut off").isLessThan(DEADLINE_MILLIS + SLACK_MILLIS);
        }
        assertThat(bodies).allSatisfy(cut -> {
            assertThat(cut.heldMillis()).as("slow body cut off").isLessThan(DEADLINE_MILLIS + SLACK_MILLIS);
            assertThat(cut.answer()).as("answer, when one arrived before the close").satisfiesAnyOf(
                    a -> assertThat(a).isEmpty(), a -> assertThat(a).startsWith("HTTP/1.1 408"));
        });
        assertThat(bodies).as("a slow body is answered 408").anyMatch(cut -> cut.answer().startsWith("HTTP/1.1 408"));

        Reply after = hooks.send(Hook.github("push", "gh-after-slow", GITHUB_PUSH));
        assertThat(after.status()).isEqualTo(202);
    }

    /**
     * Connects, writes {@code start} at once and then {@code trickle} one byte per 200 ms, while reading what the
     * server answers; completes when the server closes the connection (or gives up after 30 s, which fails the
     * test's bounds).
     */
    private CompletableFuture<Cut> slowClient(byte[] start, String trickle) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), hooks.port());
        socket.setSoTimeout(30_000);
        long opened = System.nanoTime();
        byte[] slow = trickle.getBytes(StandardCharsets.US_ASCII);
        threads.execute(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(start);
                out.flush();
                for (byte b : slow) {
                    out.write(b);
                    out.flush();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PACE_MILLIS));
                }
            } catch (IOException closed) {
                // the server hung up: what the test waits for
            }
        });
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try (socket) {
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[4096];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (IOException resetOrTimedOut) {
                // a reset is a close too; a read timeout shows in the time held
            }
            return new Cut(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened),
                    answer.toString(StandardCharsets.US_ASCII));
        }, threads);
    }
}
