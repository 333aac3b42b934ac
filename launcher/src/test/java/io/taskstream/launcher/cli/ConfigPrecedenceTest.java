package io.taskstream.launcher.cli;

import io.taskstream.launcher.Taskstream;
import io.taskstream.launcher.pipeline.PipelineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `run` options from flags, then TASKSTREAM_* variables, then the --config file, then the defaults. */
class ConfigPrecedenceTest {
    @TempDir
    Path dir;

    private record Parsed(int exit, PipelineConfig config, String err) {
    }

    private Parsed run(Map<String, String> env, String... args) {
        CommandLine cl = Taskstream.commandLine(env);
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        RunCommand[] parsed = new RunCommand[1];
        CommandLine run = cl.getSubcommands().get("run");
        // Parse only: the services are not started.
        cl.setExecutionStrategy(pr -> {
            parsed[0] = run.getCommand();
            return 0;
        });
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        int exit = cl.execute(all.toArray(String[]::new));
        PipelineConfig config = parsed[0] == null ? null
                : parsed[0].options.toConfig("127.0.0.1:1", "repo", dir);
        return new Parsed(exit, config, err.toString());
    }

    private Path yaml(String text) throws Exception {
        return Files.writeString(dir.resolve("taskstream.yaml"), text);
    }

    @Test
    void aFlagBeatsTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefault() throws Exception {
        Path file = yaml("""
                concurrency: 4
                max-attempts: 5
                partitions: 7
                topic-prefix: from-file
                insecure-registry: [reg.a:5000, reg.b:5000]
                kube-context: kind-file
                """);
        Map<String, String> env = Map.of("TASKSTREAM_CONCURRENCY", "8", "TASKSTREAM_MAX_ATTEMPTS", "6",
                "TASKSTREAM_KUBE_CONTEXT", "kind-env");

        Parsed p = run(env, "--config", file.toString(), "--concurrency", "12");

        assertThat(p.exit()).as(p.err()).isZero();
        assertThat(p.config().concurrency()).isEqualTo(12);
        assertThat(p.config().maxAttempts()).isEqualTo(6);
        assertThat(p.config().actions().kubeContext()).isEqualTo("kind-env");
        assertThat(p.config().partitions()).isEqualTo(7);
        assertThat(p.config().topicPrefix()).isEqualTo("from-file");
        assertThat(p.config().actions().insecureRegistries()).containsExactly("reg.a:5000", "reg.b:5000");
        assertThat(p.config().branch()).isEqualTo("main");
        assertThat(p.config().retryBackoffMillis()).isEqualTo(2000);
    }

    @Test
    void theFileCanBeNamedByTheEnvironment() throws Exception {
        Path file = yaml("concurrency: 3\n");

        Parsed p = run(Map.of("TASKSTREAM_CONFIG", file.toString()));

        assertThat(p.exit()).as(p.err()).isZero();
        assertThat(p.config().concurrency()).isEqualTo(3);
    }

    @Test
    void anUnknownKeyNamesTheNearestValidOne() throws Exception {
        Path file = yaml("concurency: 4\n");

        Parsed p = run(Map.of(), "--config", file.toString());

        assertThat(p.exit()).isEqualTo(Exit.INVALID);
        assertThat(p.err()).contains("unknown key 'concurency'", "did you mean 'concurrency'");
    }

    @Test
    void oneFileServesEveryCommandEachTakingItsOwnKeys() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Path file = yaml("bootstrap-servers: 127.0.0.1:" + closed + "\ntask-repo: /srv/tasks.git\nconcurrency: 4\n");

        Cli.Result scan = Cli.run("scan", "--config", file.toString(), "--connect-timeout", "1s");

        assertThat(scan.exit()).as("scan reads bootstrap-servers and leaves the services' keys: " + scan.err())
                .isEqualTo(Exit.UNAVAILABLE);
        assertThat(scan.err()).contains("cannot reach Kafka at 127.0.0.1:" + closed);
    }

    @Test
    void aBadNumberNamesTheKeyOrTheVariableItCameFrom() throws Exception {
        Path file = yaml("partitions: many\n");

        Parsed fromFile = run(Map.of(), "--config", file.toString());
        Parsed fromEnv = run(Map.of("TASKSTREAM_CONCURRENCY", "lots"));

        assertThat(fromFile.exit()).isEqualTo(Exit.INVALID);
        assertThat(fromFile.err()).contains("'many'", "key 'partitions' in " + file);
        assertThat(fromEnv.exit()).isEqualTo(Exit.INVALID);
        assertThat(fromEnv.err()).contains("'lots'", "TASKSTREAM_CONCURRENCY");
    }

    @Test
    void fileSecretsAreReadAndNeverShown() throws Exception {
        Path jaas = Files.writeString(dir.resolve("jaas"),
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"hunter2\";\n");
        Path file = yaml("""
                kafka:
                  security.protocol: SASL_SSL
                  sasl.mechanism: SCRAM-SHA-512
                  sasl.jaas.config: file:%s
                """.formatted(jaas));

        Parsed p = run(Map.of(), "--config", file.toString());

        assertThat(p.exit()).as(p.err()).isZero();
        assertThat(p.config().kafka()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"hunter2\";");
        assertThat(p.config().toString()).contains("SASL_SSL").doesNotContain("hunter2");
    }

    @Test
    void anUnreadableSecretFileFailsTheStartWithoutItsValue() throws Exception {
        Path file = yaml("kafka:\n  ssl.keystore.password: file:" + dir.resolve("missing") + "\n");

        Parsed p = run(Map.of(), "--config", file.toString());

        assertThat(p.exit()).isEqualTo(Exit.INVALID);
        assertThat(p.err()).contains("kafka.ssl.keystore.password", "cannot read the secret file");
    }
}
