package io.taskstream.runtime.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code bash -c} commands in their own process group with a clean environment, no standard input,
 * a timeout that kills the whole group, and output capped to its head and tail.
 */
public final class CommandRunner {
    /** The service's own variables that commands see; everything else of the service's environment stays out. */
    public static final List<String> DEFAULT_INHERITED = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "USER",
            "DOCKER_HOST", "KUBECONFIG", "TMPDIR");

    private final List<String> inherited;
    private final int headBytes;
    private final int tailBytes;
    private final ProcessGroupKiller killer;
    /** Readers of the commands' output; threads are reused, since starting one per command costs as much as a fork. */
    private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "command-output");
        t.setDaemon(true);
        return t;
    });

    public CommandRunner(List<String> inherited, int headBytes, int tailBytes) {
        this(inherited, headBytes, tailBytes, ProcessGroupKiller.standard());
    }

    CommandRunner(List<String> inherited, int headBytes, int tailBytes, ProcessGroupKiller killer) {
        this.inherited = List.copyOf(inherited);
        this.headBytes = headBytes;
        this.tailBytes = tailBytes;
        this.killer = killer;
    }

    public static CommandRunner defaults() {
        return new CommandRunner(DEFAULT_INHERITED, 4 * 1024, 12 * 1024);
    }

    public CommandResult run(String command, Path dir, Map<String, String> env, Duration timeout, Redactor redactor)
            throws InterruptedException {
        // A child of the JVM leads no group, so setsid execs bash in place: bash's pid is the group's id.
        ProcessBuilder pb = new ProcessBuilder(List.of("setsid", "bash", "-c", command))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> environment = pb.environment();
        Map<String, String> service = new TreeMap<>(environment);
        environment.clear();
        inherited.forEach(k -> {
            if (service.containsKey(k)) {
                environment.put(k, service.get(k));
            }
        });
        environment.putAll(env);
        long start = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return new CommandResult(127, false, 0, "cannot start bash: " + e.getMessage(), 0);
        }
        OutputCapture capture = new OutputCapture(headBytes, tailBytes);
        Future<?> reader = readers.submit(() -> {
            try {
                capture.drain(process.getInputStream());
            } catch (IOException ignored) {
                // the stream closes when the process group is killed
            }
        });
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killer.kill(process);
            throw e;
        }
        // Nothing outlives a command: background children still in its group go with it.
        killer.kill(process);
        try {
            reader.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // what was read so far is kept
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        String text = redactor.redact(capture.text());
        if (!finished) {
            text = text + "\n[killed after " + timeout.toSeconds() + "s timeout]";
            return new CommandResult(-1, true, millis, text, capture.totalBytes());
        }
        return new CommandResult(process.exitValue(), false, millis, text, capture.totalBytes());
    }
}
