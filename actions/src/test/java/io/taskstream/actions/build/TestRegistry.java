package io.taskstream.actions.build;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real registry ({@code docker-registry serve}) on a free loopback port, in its own directory, for one test
 * class or test; read-only ones refuse every push.
 */
final class TestRegistry implements AutoCloseable {
    private final Process process;
    private final String address;

    private TestRegistry(Path dir, boolean readOnly) throws IOException, InterruptedException {
        int port = freePort();
        address = "127.0.0.1:" + port;
        Path config = dir.resolve("registry.yml");
        Files.writeString(config, String.join("\n",
                "version: 0.1",
                "log:",
                "  level: info",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("data"),
                "  maintenance:",
                "    readonly:",
                "      enabled: " + readOnly,
                "http:",
                "  addr: " + address,
                ""));
        try {
            process = new ProcessBuilder("docker-registry", "serve", config.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("docker-registry is not installed: run .ci/run first", e);
        }
        CompletableFuture<Void> listening = new CompletableFuture<>();
        StringBuilder log = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (!listening.isDone()) {
                        log.append(line).append('\n');
                    }
                    // The registry logs this after it has bound its listener, so connections are queued from here.
                    if (line.contains("listening on " + address)) {
                        listening.complete(null);
                    }
                }
                listening.completeExceptionally(new IllegalStateException("registry exited:\n" + log));
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
        }, "registry-" + port);
        reader.setDaemon(true);
        reader.start();
        try {
            listening.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("registry on " + address + " did not start: " + e.getMessage(), e);
        }
    }

    static TestRegistry start(Path dir) {
        return start(dir, false);
    }

    static TestRegistry readOnly(Path dir) {
        return start(dir, true);
    }

    private static TestRegistry start(Path dir, boolean readOnly) {
        try {
            return new TestRegistry(dir, readOnly);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A loopback port nothing listens on (right now). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** {@code 127.0.0.1:PORT} */
    String address() {
        return address;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
