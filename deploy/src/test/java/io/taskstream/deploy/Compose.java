package io.taskstream.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code docker-compose} on this checkout's files, as one project with its own variables. */
final class Compose {
    /** The checkout the tests run in (surefire's working directory is the deploy module's). */
    static final Path CHECKOUT = Path.of(System.getProperty("user.dir")).getParent();

    private final Path checkout;
    private final String project;
    private final List<String> files;
    private final Map<String, String> variables;

    Compose(Path checkout, String project, List<String> files, Map<String, String> variables) {
        this.checkout = checkout;
        this.project = project;
        this.files = List.copyOf(files);
        this.variables = Map.copyOf(variables);
    }

    /** Runs {@code docker-compose <args>} and returns its output; fails with that output when it exits non-zero. */
    String run(Duration timeout, String... args) throws IOException, InterruptedException {
        return Shell.run(checkout, command(args), variables, timeout);
    }

    /** Runs {@code docker-compose <args>}: its exit code and output, whatever the code. */
    Shell.Result result(Duration timeout, String... args) throws IOException, InterruptedException {
        return Shell.result(checkout, command(args), variables, timeout);
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "--ansi", "never", "-p", project));
        files.forEach(f -> command.addAll(List.of("-f", f)));
        command.addAll(List.of(args));
        return command;
    }

    /** The ids of the containers of {@code service} (the lines of {@code ps -q}; warnings are not ids). */
    List<String> containers(String service) throws IOException, InterruptedException {
        return run(Duration.ofSeconds(30), "ps", "-q", service).lines().filter(l -> l.matches("[0-9a-f]{64}")).toList();
    }

    /** The health of each container of {@code service} as Docker tracks it from the compose file's healthcheck. */
    List<String> health(String service) throws IOException, InterruptedException {
        List<String> states = new ArrayList<>();
        for (String id : containers(service)) {
            states.add(Shell.run(checkout, List.of("docker", "inspect", "--format", "{{.State.Health.Status}}", id),
                    Map.of(), Duration.ofSeconds(30)).strip());
        }
        return states;
    }

    /** Stops and removes the project's containers and volumes; a failure is printed, not thrown over the test's. */
    void down() {
        try {
            run(Duration.ofMinutes(2), "down", "-v", "--remove-orphans", "--timeout", "20");
        } catch (IOException | RuntimeException e) {
            System.out.println("docker-compose down failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines each container logged: what a failing test prints. */
    String logs() {
        try {
            return run(Duration.ofSeconds(30), "logs", "--tail", "60");
        } catch (IOException | RuntimeException e) {
            return "(no logs: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    /** External commands with a deadline, their output in one string. */
    static final class Shell {
        private Shell() {
        }

        /** What a command printed (standard output and error together) and its exit code. */
        record Result(int exit, String output) {
        }

        /** Runs {@code command}; fails with its output when it exits non-zero. */
        static String run(Path dir, List<String> command, Map<String, String> env, Duration timeout)
                throws IOException, InterruptedException {
            Result r = result(dir, command, env, timeout);
            if (r.exit() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + r.exit() + ":\n" + r.output());
            }
            return r.output();
        }

        /** Runs {@code command} to its end; fails only when it does not end within {@code timeout}. */
        static Result result(Path dir, List<String> command, Map<String, String> env, Duration timeout)
                throws IOException, InterruptedException {
            Path output = Files.createTempFile("compose-", ".log");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(output.toFile());
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeout
                            + ":\n" + Files.readString(output, StandardCharsets.UTF_8));
                }
                return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        }
    }
}
