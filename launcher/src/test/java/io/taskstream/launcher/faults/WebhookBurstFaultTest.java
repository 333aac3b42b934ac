package io.taskstream.launcher.faults;

import io.taskstream.events.data.ScanRequested;
import io.taskstream.events.envelope.Topics;
import io.taskstream.launcher.pipeline.PipelineConfig;
import io.taskstream.launcher.pipeline.Service;
import io.taskstream.testkit.EventLog;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Case 5: 1,000 GitHub push deliveries at once (16 connections at a time) on loopback: distinct valid ones,
 * repeats of their delivery ids (some racing the first), forged signatures and bodies sent slowly. Each valid
 * delivery id starts exactly one scan.
 */
@Tag("fault")
@ExtendWith(CaseTimer.class)
class WebhookBurstFaultTest {
    private static final String PREFIX = "burst";
    private static final String SECRET = "fault-suite-secret";
    private static final int VALID = 600;
    private static final int DUPLICATES = 200;
    private static final int FORGED = 150;
    private static final int SLOW = 50;

    record Delivery(String id, String kind, byte[] body, String signature, boolean slow) {
    }

    record Reply(Delivery delivery, int status, String body) {
    }

    @Test
    void eachValidDistinctDeliveryStartsExactlyOneScan(@TempDir Path tmp) throws Exception {
        String bootstrap = SharedBroker.bootstrapServers();
        CountingRepo repo = CountingRepo.create(tmp.resolve("repo"), 1, 1, "0", Map.of());
        PipelineConfig config = InProcessPipeline.config(bootstrap, PREFIX, repo, tmp, 1,
                new PipelineConfig.Webhook("127.0.0.1", 0, List.of("acme/infra-tasks"), Map.of("githubSecret", SECRET)));
        Random random = new Random(5);
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < VALID; i++) {
            deliveries.add(signed("valid-" + i, "valid", false));
        }
        for (int i = 0; i < SLOW; i++) {
            deliveries.add(signed("slow-" + i, "slow", true));
        }
        for (int i = 0; i < DUPLICATES; i++) {
            Delivery original = deliveries.get(random.nextInt(VALID));
            deliveries.add(new Delivery(original.id(), "duplicate", original.body(), original.signature(), false));
        }
        for (int i = 0; i < FORGED; i++) {
            Delivery d = signed("forged-" + i, "forged", false);
            String signature = i % 2 == 0 ? "sha256=" + hmac("not the secret", d.body())
                    : d.signature().substring(0, d.signature().length() - 2) + "00";
            deliveries.add(new Delivery(d.id(), "forged", d.body(), signature, false));
        }
        Collections.shuffle(deliveries, random);

        try (InProcessPipeline pipeline = new InProcessPipeline(config, EnumSet.of(Service.SCANNER))) {
            int port = pipeline.pipeline.webhookPort();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<Reply>> futures = new ArrayList<>();
            for (Delivery d : deliveries) {
                futures.add(pool.submit(() -> send(port, d)));
            }
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> f : futures) {
                replies.add(f.get(5, TimeUnit.MINUTES));
            }
            pool.shutdown();

            Map<String, List<Reply>> byId = new HashMap<>();
            replies.forEach(r -> byId.computeIfAbsent(r.delivery().id(), k -> new ArrayList<>()).add(r));
            List<String> wrong = new ArrayList<>();
            byId.forEach((id, rs) -> {
                if (id.startsWith("forged-")) {
                    rs.stream().filter(r -> r.status() != 401).forEach(r -> wrong.add(id + ": " + r.status() + " " + r.body()));
                } else {
                    long accepted = rs.stream().filter(r -> r.status() == 202 && r.body().contains("\"accepted\"")).count();
                    long duplicate = rs.stream().filter(r -> r.status() == 202 && r.body().contains("\"duplicate\"")).count();
                    if (accepted != 1 || duplicate != rs.size() - 1) {
                        wrong.add(id + ": " + rs.stream().map(r -> r.status() + " " + r.body()).toList());
                    }
                }
            });
            assertThat(wrong).as("deliveries answered otherwise than once accepted, else duplicate or 401").isEmpty();

            try (EventLog log = InProcessPipeline.eventLog(bootstrap, Topics.withPrefix(PREFIX).events(), false)) {
                List<String> runIds = log.readToEnd().stream()
                        .filter(e -> e.data() instanceof ScanRequested s && s.trigger().equals("webhook:github"))
                        .map(e -> e.runId()).toList();
                List<String> acceptedRuns = replies.stream().filter(r -> r.body().contains("\"accepted\""))
                        .map(r -> new JsonObject(r.body()).getString("runId")).toList();
                assertThat(runIds).as("scan.requested from the webhook, one per valid delivery id")
                        .hasSize(VALID + SLOW).containsExactlyInAnyOrderElementsOf(acceptedRuns);
            }
        }
    }

    private static Delivery signed(String id, String kind, boolean slow) {
        byte[] body = """
                {"ref":"refs/heads/main","before":"0000000000000000000000000000000000000001",
                 "after":"6113728f27ae82c7b1a177c8d03f9e96e0adf246","repository":{"full_name":"acme/infra-tasks",
                 "clone_url":"https://git.example.invalid/acme/infra-tasks.git"},"pusher":{"name":"ops"},
                 "commits":[{"id":"%s","message":"%s"}]}""".formatted(id, "x".repeat(id.hashCode() & 255))
                .getBytes(StandardCharsets.UTF_8);
        return new Delivery(id, kind, body, "sha256=" + hmac(SECRET, body), slow);
    }

    /** One delivery over its own connection; a slow one sends its body in five parts, 100 ms apart. */
    private static Reply send(int port, Delivery d) throws Exception {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST /hooks/github HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "X-GitHub-Event: push\r\nX-GitHub-Delivery: " + d.id() + "\r\nX-Hub-Signature-256: " + d.signature()
                    + "\r\nContent-Length: " + d.body().length + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (d.slow()) {
                int part = d.body().length / 5 + 1;
                for (int from = 0; from < d.body().length; from += part) {
                    out.write(d.body(), from, Math.min(part, d.body().length - from));
                    out.flush();
                    Thread.sleep(100); // the fault: a client that trickles its body
                }
            } else {
                out.write(d.body());
            }
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String text = response.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int bodyStart = text.indexOf("\r\n\r\n");
            return new Reply(d, status, bodyStart < 0 ? "" : text.substring(bodyStart + 4));
        }
    }

    private static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
