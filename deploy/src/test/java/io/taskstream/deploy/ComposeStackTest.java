package io.taskstream.deploy;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deployment as a user brings it up: the image built from this checkout (deploy/image/build.sh, nothing
 * pulled), docker-compose.yml with the broker from that image and every container on loopback
 * (deploy/compose/local-broker.yml, loopback.yml), two executors, and a task repo run through it with the CLI
 * container ({@code docker-compose run --rm cli scan --wait}), as the README says.
 */
class ComposeStackTest {
    private static final String REPO = "acme/infra-tasks";
    private static final String SECRET = "stack-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void buildImage() throws Exception {
        Compose.Shell.run(Compose.CHECKOUT, List.of("deploy/image/build.sh", "taskstream:stack-test"), Map.of(),
                Duration.ofMinutes(8));
    }

    @Test
    void aTaskRepoRunsThroughTheComposeStackWithTwoExecutors(@TempDir Path dir) throws Exception {
        Path remote = StackTaskRepo.create(dir);
        Files.createDirectories(dir.resolve("workspace"));
        Files.createDirectories(dir.resolve("reports"));
        openToTheContainersUser(dir);
        int kafka = freePort();
        int status = freePort();
        int scannerHealth = freePort();
        int webhook = freePort();
        Compose compose = new Compose(Compose.CHECKOUT,
                "taskstream-stack-" + UUID.randomUUID().toString().substring(0, 8),
                List.of("docker-compose.yml", "deploy/compose/local-broker.yml", "deploy/compose/loopback.yml"),
                Map.of("TASKSTREAM_IMAGE", "taskstream:stack-test", "STACK_DIR", dir.toString(),
                        "KAFKA_PORT", Integer.toString(kafka), "STATUS_PORT", Integer.toString(status),
                        "SCANNER_HEALTH_PORT", Integer.toString(scannerHealth),
                        "WEBHOOK_PORT", Integer.toString(webhook), "WEBHOOK_REPO", REPO, "WEBHOOK_SECRET", SECRET,
                        "VERIFIER_HEALTH_PORT", Integer.toString(freePort()),
                        "REPORTER_HEALTH_PORT", Integer.toString(freePort())));
        try {
            compose.run(Duration.ofMinutes(3), "up", "-d", "--scale", "executor=2",
                    "kafka", "scanner", "executor", "verifier", "reporter");
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(get(scannerHealth, "/health/ready")).isEqualTo(200));
            for (String service : List.of("scanner", "verifier", "reporter")) {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> assertThat(compose.health(service)).as(service).containsExactly("healthy"));
            }
            assertThat(compose.containers("executor")).hasSize(2);
            Compose.Shell.Result doctor = compose.result(Duration.ofMinutes(2), "run", "--rm", "-T", "cli", "doctor");
            assertThat(doctor.output()).as("doctor from the cli container")
                    .containsPattern("(?m)^ok +kafka ").containsPattern("(?m)^ok +topics ")
                    .containsPattern("(?m)^ok +task-repo ").containsPattern("(?m)^ok +workspace ");

            String out = compose.run(Duration.ofMinutes(4), "run", "--rm", "-T", "cli", "scan", "--wait", "--timeout", "3m");

            assertThat(out).contains("tasks 3: 3 completed, 0 blocked").contains("criteria met 5 of 5");
            for (String task : StackTaskRepo.TASKS) {
                String recorded = onRemote(remote, dir.resolve("check"), "tasks/completed/" + task + ".md");
                assertThat(recorded).as(task).contains("- [x]").doesNotContain("- [ ]");
            }
            assertThat(dir.resolve("workspace/stack-2.done")).exists();
            assertThat(dir.resolve("workspace/stack-3.txt")).hasContent("three");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sessionReports(dir.resolve("reports")))
                    .anyMatch(name -> name.endsWith(".html")));
            assertThat(get(status, "/")).isEqualTo(200);
            assertThat(body(scannerHealth, "/metrics")).contains("taskstream_events_published_total");

            String pushed = StackTaskRepo.pushAnotherTask(remote, dir.resolve("person"));
            openToTheContainersUser(remote);
            HttpResponse<String> delivery = deliver(webhook, pushed);
            assertThat(delivery.statusCode()).as(delivery.body()).isEqualTo(202);
            int[] clones = {0};
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(freshClone(remote, dir.resolve("clone-" + ++clones[0]))
                            .resolve("tasks/completed/TASK-004.md")).as("archived by the run the push started").exists());
            assertThat(dir.resolve("workspace/stack-4.txt")).hasContent("four");
        } catch (AssertionError | RuntimeException e) {
            System.out.println(compose.logs());
            throw e;
        } finally {
            compose.down();
        }
    }

    /** A GitHub push delivery of {@code commit} to main, signed with the stack's webhook secret. */
    private static HttpResponse<String> deliver(int port, String commit) throws Exception {
        String body = """
                {"ref":"refs/heads/main","before":"0000000000000000000000000000000000000001","after":"%s",
                 "repository":{"full_name":"%s","clone_url":"https://git.example.invalid/%s.git"},
                 "pusher":{"name":"ops"},"commits":[]}""".formatted(commit, REPO, REPO);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/github"))
                .header("X-GitHub-Event", "push").header("X-GitHub-Delivery", "stack-" + commit)
                .header("X-Hub-Signature-256", signature).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path freshClone(Path remote, Path dir) throws Exception {
        Git.cloneRepository().setURI(remote.toUri().toString()).setDirectory(dir.toFile()).call().close();
        return dir;
    }

    /** The containers run as uid 10001: the task repo, workspace and reports must be theirs to write. */
    private static void openToTheContainersUser(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
            }
        }
    }

    private static String onRemote(Path remote, Path clone, String file) throws Exception {
        if (!Files.exists(clone)) {
            Git.cloneRepository().setURI(remote.toUri().toString()).setDirectory(clone.toFile()).call().close();
        }
        return Files.readString(clone.resolve(file));
    }

    private static List<String> sessionReports(Path reports) throws IOException {
        try (Stream<Path> files = Files.list(reports)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("session-")).toList();
        }
    }

    private static int get(int port, String path) {
        try {
            return HTTP.send(request(port, path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String body(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(request(port, path), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpRequest request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
                .build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
