package io.taskstream.launcher.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Errors a person can cause answer in a line or two with a documented exit code; stack traces only with --verbose. */
class CliErrorsTest {
    private static final String STACK_FRAME = "\tat ";

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aTypoGetsASuggestionAndExit2WithoutAStackTrace() {
        Cli.Result r = Cli.run("scna");

        assertThat(r.exit()).isEqualTo(Exit.INVALID);
        assertThat(r.err()).contains("Did you mean", "scan").doesNotContain(STACK_FRAME);
    }

    @Test
    void aMistypedOptionGetsASuggestion() {
        Cli.Result r = Cli.run("validate", "--kube-contxt", "x");

        assertThat(r.exit()).isEqualTo(Exit.INVALID);
        assertThat(r.err()).contains("--kube-context").doesNotContain(STACK_FRAME);
    }

    @Test
    void aBadOptionValueSaysWhatItExpects() {
        Cli.Result r = Cli.run("scan", "--bootstrap-servers", "127.0.0.1:9", "--connect-timeout", "soon");

        assertThat(r.exit()).isEqualTo(Exit.INVALID);
        assertThat(r.err()).contains("--connect-timeout", "90s").doesNotContain(STACK_FRAME);
    }

    @Test
    void scanAgainstADeadBrokerAnswersInSecondsInOneLine() throws Exception {
        String servers = "127.0.0.1:" + closedPort();
        long start = System.nanoTime();

        Cli.Result r = Cli.run("scan", "--bootstrap-servers", servers, "--connect-timeout", "2s");

        // a generous bound: it catches the Kafka clients' 60 s hang, it is not a benchmark
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(r.exit()).isEqualTo(Exit.UNAVAILABLE);
        assertThat(r.err().strip()).isEqualTo("cannot reach Kafka at " + servers + " within 2 s: connection refused"
                + " — is the broker running? (--bootstrap-servers)");
    }

    @Test
    void reportAgainstADeadBrokerDoesNotExit0(@TempDir Path tmp) throws Exception {
        Cli.Result r = Cli.run("report", "--bootstrap-servers", "127.0.0.1:" + closedPort(), "--connect-timeout", "2s",
                "--out", tmp.toString());

        assertThat(r.exit()).isEqualTo(Exit.UNAVAILABLE);
        assertThat(r.err()).contains("cannot reach Kafka").doesNotContain(STACK_FRAME);
    }

    @Test
    void validateOfAMissingDirectoryIsOneLineAndExit2() {
        Cli.Result r = Cli.run("validate", "/nonexistent");

        assertThat(r.exit()).isEqualTo(Exit.INVALID);
        assertThat(r.err().strip()).isEqualTo("no directory /nonexistent: pass the task repo's working tree, "
                + "e.g. a clone of it (DIR)");
    }

    @Test
    void planOfADirectoryThatIsNotATaskRepoSaysSo(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("README.md"), "not tasks");

        Cli.Result r = Cli.run("plan", tmp.toString());

        assertThat(r.exit()).isEqualTo(Exit.INVALID);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("is not a task repo: it has no tasks/ directory");
    }

    @Test
    void evidenceOutsideAGitRepositorySaysSo(@TempDir Path tmp) {
        Cli.Result r = Cli.run("evidence", "TASK-1", "--repo", tmp.resolve("nope").toString(), "--key-id", "ab");

        assertThat(r.exit()).isEqualTo(Exit.INVALID);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("no directory").doesNotContain(STACK_FRAME);
    }

    @Test
    void verboseBringsTheStackTraceBack() {
        Cli.Result r = Cli.run("validate", "/nonexistent", "--verbose");

        assertThat(r.exit()).isEqualTo(Exit.INVALID);
        assertThat(r.err()).contains(STACK_FRAME, "no directory /nonexistent");
    }

    @Test
    void runOfATaskRepoThatIsNotThereSaysSoBeforeStartingAnything(@TempDir Path dir) {
        String missing = dir.resolve("nowhere").toString();

        Cli.Result r = Cli.run("run", "--task-repo", missing, "--workspace", dir.toString());

        assertThat(r.exit()).isEqualTo(Exit.INVALID);
        assertThat(r.err()).contains("the task repo " + missing + " does not answer", "(--task-repo, --branch)")
                .doesNotContain(STACK_FRAME).doesNotContain("Embedded Kafka started");
    }

    @Test
    void aMissingConfigFileIsNamedWithWhereItWasAskedFor(@TempDir Path dir) {
        Path missing = dir.resolve("taskstream.yaml");

        Cli.Result r = Cli.run("scan", "--config", missing.toString());

        assertThat(r.exit()).isEqualTo(Exit.INVALID);
        assertThat(r.err()).contains("no config file at " + missing.toAbsolutePath(),
                "(named by --config or TASKSTREAM_CONFIG)").doesNotContain(STACK_FRAME);
    }
}
