package io.taskstream.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code taskstream} CLI process started the way a user starts it. Its output (stdout and stderr together) is
 * copied to a log file by a reader thread, which also spots the line {@code running [...] against Kafka at HOST:PORT}
 * that {@code taskstream run} prints once its services are up. Every child ever started is remembered until it has
 * ended, so that a shutdown hook can kill what is left ({@link #killAll()}).
 */
final class Child {
    private static final Pattern RUNNING = Pattern.compile("^running \\[.*] against Kafka at (\\S+)\\s*$");
    private static final Set<Child> LIVE = ConcurrentHashMap.newKeySet();
    private static final int TAIL = 40;

    private final String name;
    private final Process process;
    private final Path log;
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<String> bootstrap = new CompletableFuture<>();
    private final CompletableFuture<Void> outputDone = new CompletableFuture<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final List<String> lines = new ArrayList<>();
    private volatile long runningNanos;

    private Child(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code cli args...} in {@code dir} with {@code env} added to this process's environment.
     */
    static Child start(String name, Path cli, Path dir, Path log, Map<String, String> env, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(cli.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Files.createDirectories(log.getParent());
        Child child = new Child(name, builder.start(), log);
        LIVE.add(child);
        Thread reader = new Thread(child::copyOutput, "output-" + name);
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    private void copyOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL) {
                        tail.removeFirst();
                    }
                    if (lines.size() < 1000) {
                        lines.add(line);
                    }
                }
                Matcher m = RUNNING.matcher(line);
                if (m.matches() && !bootstrap.isDone()) {
                    runningNanos = System.nanoTime();
                    bootstrap.complete(m.group(1));
                }
            }
        } catch (IOException e) {
            // the process went away; what was read is in the log
        } finally {
            bootstrap.completeExceptionally(new IllegalStateException(name + " ended before its services were up"
                    + describeTail()));
            outputDone.complete(null);
        }
    }

    String name() {
        return name;
    }

    /** System.nanoTime() when the process was started. */
    long startNanos() {
        return startNanos;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Waits for {@code running [...] against Kafka at HOST:PORT} and returns {@code HOST:PORT}. */
    String awaitRunning(long deadlineNanos) throws InterruptedException {
        try {
            return bootstrap.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(name + " did not report its services up before the deadline"
                    + describeTail());
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    /** From the start of the process to the line that says its services are up. */
    Duration startup() {
        return runningNanos == 0 ? Duration.ZERO : Duration.ofNanos(runningNanos - startNanos);
    }

    /** For a command that ends by itself ({@code taskstream scan}): waits for its exit and its whole output. */
    List<String> awaitExit(long deadlineNanos) throws InterruptedException {
        try {
            if (!process.waitFor(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                kill();
                throw new IllegalStateException(name + " did not end before the deadline" + describeTail());
            }
            outputDone.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(name + ": output not read to the end", e);
        }
        LIVE.remove(this);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + describeTail());
        }
        synchronized (tail) {
            return List.copyOf(lines);
        }
    }

    /** Fails when the process has ended: a service that was meant to keep running. */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " ended unexpectedly with status " + process.exitValue()
                    + describeTail());
        }
    }

    /**
     * SIGTERM (the CLI's shutdown hook stops the services, then the broker), then waits up to {@code bound}; kills
     * the process and whatever it started when it is not gone by then.
     *
     * @return how long it took to end, and whether it had to be killed
     */
    String stop(Duration bound) throws InterruptedException {
        long start = System.nanoTime();
        process.destroy();
        boolean ended = process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            kill();
        }
        LIVE.remove(this);
        double seconds = (System.nanoTime() - start) / 1e9;
        return ended ? String.format(java.util.Locale.ROOT, "%.1f s", seconds)
                : String.format(java.util.Locale.ROOT, "killed after %.0f s", seconds);
    }

    /** Kills the process and its descendants at once. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(this);
    }

    /** For the shutdown hook: every child still running is killed with its descendants. */
    static void killAll() {
        for (Child c : List.copyOf(LIVE)) {
            c.kill();
        }
    }

    private String describeTail() {
        synchronized (tail) {
            if (tail.isEmpty()) {
                return " (no output; log " + log + ")";
            }
            List<String> shown = new ArrayList<>();
            if (lines.size() > TAIL) {
                // a command-line error comes first, a crash last: show both ends
                shown.addAll(lines.subList(0, 5));
                shown.add("...");
                shown.addAll(new ArrayList<>(tail).subList(TAIL - 25, TAIL));
            } else {
                shown.addAll(tail);
            }
            return "; its output (" + log + "):\n  " + String.join("\n  ", shown);
        }
    }
}
