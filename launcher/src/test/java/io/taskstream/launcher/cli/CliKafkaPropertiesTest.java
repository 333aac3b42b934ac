package io.taskstream.launcher.cli;

import io.taskstream.testkit.BrokerExtension;
import io.taskstream.testkit.ClientsSeen;
import io.taskstream.events.envelope.Topics;
import io.taskstream.runtime.kafka.TopicSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code kafka:} client properties of {@code --config} reach every Kafka client the commands that talk to a
 * running pipeline open; a broker those clients cannot talk to is exit 4 in a line or two, credentials unshown.
 */
class CliKafkaPropertiesTest {
    private static final String PREFIX = "cliprops";
    private static final String STACK_FRAME = "\tat ";
    @RegisterExtension
    static final BrokerExtension kafka = new BrokerExtension();

    @TempDir
    Path tmp;

    @BeforeAll
    static void createTopics() {
        TopicSetup.ensure(kafka.bootstrapServers(), Topics.withPrefix(PREFIX), 1, (short) 1);
    }

    private List<String> args(String command, String... more) {
        return argsAt(kafka.bootstrapServers(), command, more);
    }

    private List<String> argsAt(String servers, String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--bootstrap-servers", servers,
                "--topic-prefix", PREFIX, "--connect-timeout", "3s"));
        switch (command) {
            case "report", "replay" -> args.addAll(List.of("--out", tmp.resolve("reports").toString()));
            case "doctor" -> args.addAll(List.of("--workspace", tmp.toString()));
            default -> {
            }
        }
        args.addAll(List.of(more));
        return args;
    }

    private Path config(String yaml) throws Exception {
        return Files.writeString(tmp.resolve("taskstream-" + UUID.randomUUID() + ".yaml"), yaml);
    }

    private static Cli.Result run(List<String> args) {
        return Cli.run(args.toArray(String[]::new));
    }

    /** A log record's first line, as the test logging writes it: the broker runs in this JVM and logs to stderr too. */
    private static final Pattern LOG_RECORD = Pattern.compile(
            "^(\\d+|\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) \\[[^\\]]*\\] (TRACE|DEBUG|INFO|WARN|ERROR)\\b");
    private static final Pattern EXCEPTION = Pattern.compile("^[a-z][\\w.$]*(Exception|Error)\\b");

    /** What the command printed itself: {@code text} without log records and the stack traces they carry. */
    private static List<String> ownLines(String text) {
        List<String> own = new ArrayList<>();
        boolean inRecord = false;
        for (String line : text.lines().toList()) {
            if (LOG_RECORD.matcher(line).find()) {
                inRecord = true;
            } else if (!(inRecord && (line.startsWith("\t") || line.startsWith("Caused by")
                    || EXCEPTION.matcher(line).find()))) {
                inRecord = false;
                if (!line.isBlank()) {
                    own.add(line);
                }
            }
        }
        return own;
    }

    private static boolean kafkaOk(Cli.Result r) {
        return r.out().lines().anyMatch(l -> l.matches("ok +kafka +.*"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"scan", "report", "replay", "doctor"})
    void tlsFromTheConfigReachesTheClientsSoThePlaintextBrokerCannotBeUsed(String command) throws Exception {
        Cli.Result plain = run(args(command));
        if (command.equals("doctor")) {
            assertThat(kafkaOk(plain)).as(plain.out() + plain.err()).isTrue();
        } else {
            assertThat(plain.exit()).as(plain.out() + plain.err()).isEqualTo(Exit.OK);
        }

        Path tls = config("kafka:\n  security.protocol: SSL\n");
        long start = System.nanoTime();
        Cli.Result r = run(args(command, "--config", tls.toString()));

        // the connect timeout and the clients' closing; it catches the Kafka clients' minute-long retries
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(Exit.UNAVAILABLE);
        List<String> err = ownLines(r.err());
        assertThat(String.join("\n", err) + r.out()).doesNotContain(STACK_FRAME);
        if (command.equals("doctor")) {
            assertThat(r.out().lines())
                    .anyMatch(l -> l.matches("FAIL +kafka +cannot reach Kafka .*security.protocol=SSL.*"));
        } else {
            assertThat(err).hasSizeBetween(1, 2);
            assertThat(err.get(0))
                    .contains("cannot reach Kafka at " + kafka.bootstrapServers(), "security.protocol=SSL");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scan", "report", "replay", "doctor"})
    void theConfiguredPropertiesReachEveryClientTheCommandOpens(String command) throws Exception {
        Path file = config("kafka:\n  metric.reporters: " + ClientsSeen.class.getName() + "\n");
        ClientsSeen.CLIENTS.clear();

        Cli.Result r = command.equals("scan")
                // --wait also opens the consumer that follows the run; nothing runs it, so it times out
                ? run(args(command, "--config", file.toString(), "--wait", "--timeout", "2s"))
                : run(args(command, "--config", file.toString()));

        List<String> ids = ClientsSeen.clientIds();
        switch (command) {
            case "scan" -> {
                assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(Exit.TIMED_OUT);
                assertThat(ids).as("the check, the run's follower, the publisher")
                        .anyMatch(id -> id.startsWith("adminclient-")).anyMatch(id -> id.startsWith("consumer-"))
                        .contains("cli");
            }
            case "report", "replay" -> {
                assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(Exit.OK);
                assertThat(ids).as("the check and the log's reader")
                        .anyMatch(id -> id.startsWith("adminclient-"))
                        .anyMatch(id -> id.startsWith("taskstream-replay-"));
            }
            default -> {
                assertThat(kafkaOk(r)).as(r.out() + r.err()).isTrue();
                assertThat(r.out().lines()).anyMatch(l -> l.matches("ok +topics +" + PREFIX + ".*"));
                assertThat(ids.stream().filter(id -> id.startsWith("adminclient-")).distinct())
                        .as("the check and the topics' listing").hasSize(2);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scan", "report", "replay", "doctor"})
    void aBrokerThatIsNotThereIsExit4WithinTheTimeout(String command) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        long start = System.nanoTime();

        Cli.Result r = run(argsAt("127.0.0.1:" + closed, command));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(Exit.UNAVAILABLE);
        assertThat(r.out() + String.join("\n", ownLines(r.err()))).contains("cannot reach Kafka at 127.0.0.1:" + closed)
                .doesNotContain(STACK_FRAME);
    }

    @Test
    void theBrokerMayComeFromTheConfigFileToo() throws Exception {
        Path file = config("bootstrap-servers: " + kafka.bootstrapServers() + "\ntopic-prefix: " + PREFIX + "\n");

        Cli.Result r = Cli.run("report", "--config", file.toString(), "--out", tmp.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(Exit.OK);
    }

    @Test
    void aSecretReadFromAFileNeverShowsWhenTheBrokerRefusesTheClient() throws Exception {
        String secret = "pw-" + UUID.randomUUID();
        Path jaas = Files.writeString(tmp.resolve("jaas"), "org.apache.kafka.common.security.plain.PlainLoginModule "
                + "required username=\"cli\" password=\"" + secret + "\";\n");
        Path file = config("kafka:\n  security.protocol: SASL_PLAINTEXT\n  sasl.mechanism: PLAIN\n"
                + "  sasl.jaas.config: file:" + jaas + "\n");

        Cli.Result r = run(args("report", "--config", file.toString()));

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(Exit.UNAVAILABLE);
        assertThat(ownLines(r.err())).hasSizeBetween(1, 2).first().asString()
                .contains("cannot reach Kafka", "sasl.jaas.config=***").doesNotContain(STACK_FRAME);
        assertThat(r.out() + r.err()).doesNotContain(secret);
    }

    @Test
    void aSecretInAMalformedPropertyIsMaskedInTheError() throws Exception {
        String secret = "pw-" + UUID.randomUUID();
        // a password where the login module's control flag belongs: Kafka's parser names the token it rejects
        Path jaas = Files.writeString(tmp.resolve("jaas"),
                "org.apache.kafka.common.security.plain.PlainLoginModule " + secret + " username=\"cli\";\n");
        Path file = config("kafka:\n  security.protocol: SASL_PLAINTEXT\n  sasl.mechanism: PLAIN\n"
                + "  sasl.jaas.config: file:" + jaas + "\n");

        Cli.Result r = run(args("replay", "--config", file.toString()));

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(Exit.INVALID);
        assertThat(ownLines(r.err())).hasSizeBetween(1, 2).first().asString()
                .contains("kafka: properties", "JAAS").doesNotContain(STACK_FRAME);
        assertThat(r.out() + r.err()).doesNotContain(secret);
    }

    @Test
    void aBadValueOnlyAConsumerReadsIsOneLineNamingIt() throws Exception {
        // the check's admin client does not read max.poll.records; the log's reader does
        Path file = config("kafka:\n  fetch.max.wait.ms: lots\n");

        Cli.Result r = run(args("report", "--config", file.toString()));

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(Exit.INVALID);
        assertThat(ownLines(r.err())).hasSizeBetween(1, 2).first().asString()
                .contains("kafka: properties", "fetch.max.wait.ms", "lots").doesNotContain(STACK_FRAME);
    }
}
