package io.taskstream.launcher.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A main class of this test class path run in a JVM of its own (the footprint of the {@code taskstream} script),
 * its output in a log file; it is ready when a given line appears in the log. Killed with SIGKILL on {@link #kill()}.
 */
final class ChildJvm implements AutoCloseable {
    private static final List<String> OPTS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-Xss512k",
            "-XX:TieredStopAtLevel=1", "-Djdk.lang.Process.launchMechanism=VFORK");

    final String name;
    final Path log;
    private final Process process;

    private ChildJvm(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code mainClass args} and waits until its output has a line starting with {@code readyLine}. */
    static ChildJvm start(String name, Path logDir, String readyLine, String mainClass, List<String> args)
            throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(OPTS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ChildJvm child = new ChildJvm(name, log, p);
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + p.exitValue() + ":\n" + child.output());
                }
                return child.output().lines().anyMatch(l -> l.startsWith(readyLine));
            });
        } catch (RuntimeException e) {
            child.kill();
            throw e;
        }
        return child;
    }

    long pid() {
        return process.pid();
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM (the services stop cleanly), SIGKILL when that takes more than 60 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
