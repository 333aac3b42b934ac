package io.taskstream.runtime.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CommandRunnerTest {
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    private final CommandRunner runner = CommandRunner.defaults();

    @TempDir
    Path dir;

    @TempDir
    Path tools;

    private CommandResult run(String command) throws InterruptedException {
        return run(command, Map.of(), GENEROUS, Redactor.none());
    }

    private CommandResult run(String command, Map<String, String> env, Duration timeout, Redactor redactor)
            throws InterruptedException {
        return runner.run(command, dir, env, timeout, redactor);
    }

    @Test
    void reportsExitCodeAndCombinedOutput() throws Exception {
        CommandResult r = run("echo hello; echo oops >&2; exit 3");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.timedOut()).isFalse();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.output()).isEqualTo("hello\noops\n");
        assertThat(r.outputBytes()).isEqualTo("hello\noops\n".length());
        assertThat(run("true").succeeded()).isTrue();
    }

    @Test
    void runsInTheGivenDirectory() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        CommandResult r = runner.run("pwd; ls", sub, Map.of(), GENEROUS, Redactor.none());

        assertThat(r.output()).startsWith(sub.toRealPath() + "\n");
        Files.writeString(sub.resolve("marker.txt"), "x");
        assertThat(runner.run("ls", sub, Map.of(), GENEROUS, Redactor.none()).output()).isEqualTo("marker.txt\n");
    }

    @Test
    void seesOnlyTheInheritedAllowListAndTheGivenEnvironment() throws Exception {
        Set<String> allowed = new HashSet<>(CommandRunner.DEFAULT_INHERITED);
        assertThat(System.getenv().keySet()).as("the service has variables outside the allow-list")
                .anyMatch(k -> !allowed.contains(k));

        CommandResult r = run("env", Map.of("GIVEN_VAR", "given value"), GENEROUS, Redactor.none());

        Set<String> keys = Arrays.stream(r.output().split("\n"))
                .filter(l -> l.contains("=")).map(l -> l.substring(0, l.indexOf('=')))
                .collect(Collectors.toSet());
        allowed.addAll(List.of("GIVEN_VAR", "PWD", "SHLVL", "_")); // the last three bash sets itself
        assertThat(keys).isSubsetOf(allowed).contains("GIVEN_VAR");
        assertThat(r.output()).contains("GIVEN_VAR=given value\n");
        if (System.getenv("PATH") != null) {
            assertThat(r.output()).contains("PATH=" + System.getenv("PATH") + "\n");
        }
    }

    @Test
    void standardInputIsClosed() throws Exception {
        CommandResult r = run("cat; echo cat-ended", Map.of(), Duration.ofSeconds(20), Redactor.none());

        assertThat(r.timedOut()).isFalse();
        assertThat(r.output()).isEqualTo("cat-ended\n");
    }

    @Test
    void aHangingCommandIsKilledAtItsTimeoutWithItsChildren() throws Exception {
        CommandResult r = run("sleep 600 & echo $! > child.pid; wait", Map.of(), Duration.ofMillis(1_500),
                Redactor.none());

        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).isEqualTo(-1);
        assertThat(r.succeeded()).isFalse();
        assertThat(r.durationMillis()).as("not killed before its timeout").isGreaterThanOrEqualTo(1_400L);
        assertThat(r.output()).contains("killed after");
        long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).trim());
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !alive(child));
        } finally {
            if (alive(child)) {
                ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    @Timeout(30)
    void aChildLeftRunningInTheBackgroundIsKilledWithItsCommand() throws Exception {
        CommandResult r = run("sleep 600 & echo $! > child.pid; echo parent-done");
        long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).trim());
        assertThat(r.timedOut()).isFalse();
        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).isEqualTo("parent-done\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> !alive(child));
    }

    @Test
    @Timeout(30)
    void aDaemonThatLeftTheShellButStayedInItsGroupIsKilledWithIt() throws Exception {
        CommandResult r = run(DAEMON + "; echo parent-done");

        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).isEqualTo("parent-done\n");
        long daemon = daemonLeftBy(pidIn("shell.pid"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !alive(daemon));
    }

    @Test
    @Timeout(30)
    void whatACommandLeavesBehindIsKilledWithoutStartingAKillProcess() throws Exception {
        CommandRunner spied = runnerWithKillSpy(Path.of("/proc"));

        assertThat(spied.run("true", dir, Map.of(), GENEROUS, Redactor.none()).succeeded()).isTrue();
        spied.run(DAEMON, dir, Map.of(), GENEROUS, Redactor.none());
        long daemon = daemonLeftBy(pidIn("shell.pid"));
        spied.run("sleep 600 & echo $! > child.pid", dir, Map.of(), GENEROUS, Redactor.none());
        CommandResult hung = spied.run("sleep 600 & echo $! > hung.pid; wait", dir, Map.of(), Duration.ofMillis(300),
                Redactor.none());
        long child = pidIn("child.pid");
        long hungChild = pidIn("hung.pid");

        assertThat(hung.timedOut()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !alive(daemon) && !alive(child) && !alive(hungChild));
        assertThat(killCalls()).doesNotExist();
    }

    @Test
    @Timeout(30)
    void withoutAProcessTableTheGroupIsKilledByAKillProcess() throws Exception {
        CommandRunner fallback = runnerWithKillSpy(tools.resolve("no-proc"));

        fallback.run(DAEMON, dir, Map.of(), GENEROUS, Redactor.none());
        long shell = pidIn("shell.pid");
        long daemon = daemonLeftBy(shell);

        await().atMost(Duration.ofSeconds(10)).until(() -> !alive(daemon));
        assertThat(killCalls()).hasContent("-KILL -- -" + shell);
    }

    @Test
    void aFloodOfOutputIsCountedButOnlyItsHeadAndTailKept() throws Exception {
        long total = 100_000_000;
        CommandResult r = run("echo FIRST-LINE; head -c " + (total - 22) + " /dev/zero | tr '\\0' 'x'; echo; echo LAST-LINE");

        assertThat(r.exitCode()).isZero();
        assertThat(r.outputBytes()).isEqualTo(total);
        assertThat(r.output().length()).isLessThan(20 * 1024);
        assertThat(r.output()).startsWith("FIRST-LINE\nxxx").endsWith("xxx\nLAST-LINE\n")
                .contains("[... " + (total - 4 * 1024 - 12 * 1024) + " bytes omitted ...]");
    }

    @Test
    void redactsTokenShapesConfiguredSecretsAndPasswordAssignments() throws Exception {
        String token = "ghp_" + "A1b2C3d4E5".repeat(4);
        String secret = "s3cr3t-" + "value-42";
        Redactor redactor = new Redactor(List.of(secret));

        CommandResult r = run("echo \"token $TOKEN\"; echo \"secret $MY_SECRET\"; echo password=hunter2hunter2",
                Map.of("TOKEN", token, "MY_SECRET", secret), GENEROUS, redactor);

        assertThat(r.output()).doesNotContain(token, secret, "hunter2")
                .isEqualTo("token [REDACTED]\nsecret [REDACTED]\npassword=[REDACTED]\n");
    }

    /** Leaves a sleep whose parent exited, so that it is no descendant of the shell, but is still in its group. */
    private static final String DAEMON = "(sleep 600 & echo $! > daemon.pid); echo $$ > shell.pid; "
            + "cut -d' ' -f4,5 /proc/$(cat daemon.pid)/stat > daemon.stat";

    /** The daemon's pid, once its placement is checked: reparented away from the shell yet in the shell's group. */
    private long daemonLeftBy(long shell) throws IOException {
        String[] ppidAndGroup = Files.readString(dir.resolve("daemon.stat")).trim().split(" ");
        assertThat(Long.parseLong(ppidAndGroup[0])).as("the daemon's parent").isNotEqualTo(shell);
        assertThat(Long.parseLong(ppidAndGroup[1])).as("the daemon's process group").isEqualTo(shell);
        return pidIn("daemon.pid");
    }

    private long pidIn(String file) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve(file)).trim());
    }

    /** A runner whose fallback kill command notes each call in {@link #killCalls()} before it kills. */
    private CommandRunner runnerWithKillSpy(Path procRoot) throws IOException {
        Path spy = tools.resolve("kill-spy");
        Files.writeString(spy, "#!/bin/sh\necho \"$@\" >> '" + killCalls() + "'\nexec /bin/kill \"$@\"\n");
        assertThat(spy.toFile().setExecutable(true)).isTrue();
        return new CommandRunner(CommandRunner.DEFAULT_INHERITED, 4096, 4096,
                new ProcessGroupKiller(procRoot, List.of(spy.toString(), "-KILL", "--")));
    }

    private Path killCalls() {
        return tools.resolve("kill-calls");
    }

    /** A process that is gone or a zombie nobody reaped yet (containers may lack a reaping init). */
    private static boolean alive(long pid) throws IOException {
        Path status = Path.of("/proc/" + pid + "/status");
        try {
            return Files.readAllLines(status).stream().noneMatch(l -> l.startsWith("State:") && l.contains("Z"));
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }
}
