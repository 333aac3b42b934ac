package io.taskstream.actions.probe;

import io.taskstream.actions.StepResult;
import io.taskstream.actions.StepResult.Done;
import io.taskstream.actions.StepResult.Failed;
import io.taskstream.actions.probe.TestCertificates.Issued;
import io.taskstream.events.data.FailureCause;
import io.taskstream.task.action.TlsAction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TlsProbeTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static Issued ca;

    private final TlsProbe probe = new TlsProbe(Clock.fixed(NOW, ZoneOffset.UTC));

    /**
     * A certificate served, and the {@code tls:} action checked against it.
     *
     * @param text what a passing case shows; for a failing one, the reason expected ({@code {addr}} for the port)
     */
    record Served(String text, List<String> sans, Instant notBefore, Instant notAfter, String names, int validDays) {
        @Override
        public String toString() {
            return text;
        }
    }

    @BeforeAll
    static void makeCa() throws Exception {
        ca = TestCertificates.ca("Homelab CA");
    }

    static Stream<Served> passing() {
        Instant until = Instant.parse("2027-03-01T00:00:00Z");
        return Stream.of(
                new Served("the DNS name", List.of("DNS:registry.local"), ISSUED, until, "registry.local", 30),
                new Served("a DNS name in other case", List.of("DNS:Registry.LOCAL"), ISSUED, until, "registry.Local", 0),
                new Served("one of several names", List.of("DNS:a.local", "IP:127.0.0.3", "DNS:registry.local"),
                        ISSUED, until, "registry.local", 0),
                new Served("an IPv4 address", List.of("IP:127.0.0.1"), ISSUED, until, "127.0.0.1", 0),
                new Served("an IPv6 address however written", List.of("IP:::1"), ISSUED, until, "0:0:0:0:0:0:0:1", 0),
                new Served("a wildcard", List.of("DNS:*.home.arpa"), ISSUED, until, "registry.home.arpa", 0),
                new Served("valid exactly the days required", List.of("DNS:registry.local"), ISSUED,
                        NOW.plus(Duration.ofDays(30)), "registry.local", 30));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("passing")
    void aCertificateThatNamesTheNamePasses(Served c) throws Exception {
        Issued leaf = TestCertificates.leaf(ca, "leaf", c.notBefore(), c.notAfter(), c.sans());
        try (TestTlsServer server = TestTlsServer.serving(leaf, ca)) {
            StepResult result = probe.check(action(server.address(), c.names(), c.validDays()), TIMEOUT);

            assertThat(result).isInstanceOf(Done.class);
            assertThat(((Done) result).facts()).containsEntry("tls.names", String.join(", ", SubjectNames.describe(leaf.cert())))
                    .containsEntry("tls.issuer", "CN=Homelab CA")
                    .containsEntry("tls.notAfter", c.notAfter().atZone(ZoneOffset.UTC).toLocalDate().toString())
                    .containsEntry("tls.sha256", sha256(leaf));
        }
    }

    @Test
    void theOutputSaysWhatIsServedAndTheNameGoesOutAsSni() throws Exception {
        Issued leaf = TestCertificates.leaf(ca, "registry", ISSUED, Instant.parse("2027-03-01T00:00:00Z"),
                List.of("DNS:registry.local"));
        try (TestTlsServer server = TestTlsServer.serving(leaf, ca)) {
            StepResult result = probe.check(action(server.address(), "registry.local", 30), TIMEOUT);

            assertThat(result.output()).isEqualTo(server.address() + " serves DNS:registry.local (expires 2027-03-01,"
                    + " issuer CN=Homelab CA, sha256 fingerprint " + sha256(leaf) + ")");
            assertThat(server.sniNames.poll(10, TimeUnit.SECONDS)).isEqualTo("registry.local");
        }
    }

    static Stream<Served> failing() {
        Instant until = Instant.parse("2026-12-30T00:00:00Z");
        String forRegistry = "{addr} serves a certificate for DNS:registry.local (issuer CN=Homelab CA) that ";
        return Stream.of(
                // the incident: a certificate "regenerated" for the new name still named the old one
                new Served("{addr} serves a certificate for DNS:old-registry.local, IP:127.0.0.3 (expires 2026-12-30,"
                        + " issuer CN=Homelab CA), not new-registry.local",
                        List.of("DNS:old-registry.local", "IP:127.0.0.3"), ISSUED, until, "new-registry.local", 0),
                new Served("{addr} serves a certificate for DNS:*.home.arpa (expires 2026-12-30, issuer CN=Homelab CA),"
                        + " not a.registry.home.arpa", List.of("DNS:*.home.arpa"), ISSUED, until, "a.registry.home.arpa", 0),
                new Served("{addr} serves a certificate for DNS:127.0.0.3 (expires 2026-12-30, issuer CN=Homelab CA),"
                        + " not 127.0.0.3", List.of("DNS:127.0.0.3"), ISSUED, until, "127.0.0.3", 0),
                new Served("{addr} serves a certificate for IP:127.0.0.3 (expires 2026-12-30, issuer CN=Homelab CA),"
                        + " not 127.0.0.4", List.of("IP:127.0.0.3"), ISSUED, until, "127.0.0.4", 0),
                new Served("{addr} serves a certificate with no subjectAltNames, only subject CN=leaf (expires"
                        + " 2026-12-30, issuer CN=Homelab CA), not leaf", List.of(), ISSUED, until, "leaf", 0),
                new Served("{addr} serves a certificate for DNS:old.local (expired on 2026-01-02, issuer CN=Homelab CA),"
                        + " not registry.local", List.of("DNS:old.local"), Instant.parse("2025-01-01T00:00:00Z"),
                        Instant.parse("2026-01-02T00:00:00Z"), "registry.local", 0),
                new Served(forRegistry + "expired on 2026-01-02", List.of("DNS:registry.local"),
                        Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"), "registry.local", 0),
                new Served(forRegistry + "expires 2026-12-30, within the required 30 days", List.of("DNS:registry.local"),
                        ISSUED, until, "registry.local", 30),
                new Served(forRegistry + "is not valid until 2026-12-24", List.of("DNS:registry.local"),
                        Instant.parse("2026-12-24T00:00:00Z"), Instant.parse("2027-12-24T00:00:00Z"), "registry.local", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failing")
    void aCertificateThatDoesNotFitFailsSayingWhatIsServed(Served c) throws Exception {
        Issued leaf = TestCertificates.leaf(ca, "leaf", c.notBefore(), c.notAfter(), c.sans());
        try (TestTlsServer server = TestTlsServer.serving(leaf, ca)) {
            StepResult result = probe.check(action(server.address(), c.names(), c.validDays()), TIMEOUT);

            assertThat(result).isInstanceOf(Failed.class);
            Failed failed = (Failed) result;
            assertThat(failed.reason()).isEqualTo(c.text().replace("{addr}", server.address()));
            assertThat(failed.cause()).isEqualTo(FailureCause.RUN_FAILED);
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.output()).contains("sha256 fingerprint " + sha256(leaf));
        }
    }

    @Test
    void aPortNothingListensOnFailsAsRefused() throws Exception {
        String address = "127.0.0.1:" + TestTlsServer.closedPort();

        StepResult result = probe.check(action(address, "registry.local", 0), TIMEOUT);

        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.reason()).startsWith("nothing accepts connections on " + address + " (");
            assertThat(f.retryable()).isTrue();
        });
    }

    @Test
    void aPortThatSpeaksAnotherProtocolFailsTheHandshake() throws Exception {
        try (TestTcpServer server = TestTcpServer.answering("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")) {
            StepResult result = probe.check(action(server.address(), "registry.local", 0), TIMEOUT);

            assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
                assertThat(f.reason()).startsWith(server.address() + " did not complete a TLS handshake: ")
                        .endsWith("(the port answers, but not with TLS)");
                assertThat(f.retryable()).isTrue();
            });
        }
    }

    @Test
    void aPortThatNeverAnswersFailsWithinTheTimeout() throws Exception {
        try (TestTcpServer server = TestTcpServer.silent()) {
            StepResult result = probe.check(action(server.address(), "registry.local", 0), Duration.ofMillis(300));

            assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
                assertThat(f.reason()).isEqualTo(server.address() + " did not complete a TLS handshake within 300 ms");
                assertThat(f.cause()).isEqualTo(FailureCause.TIMED_OUT);
                assertThat(f.retryable()).isTrue();
            });
        }
    }

    private static TlsAction action(String address, String name, int validDays) {
        return TlsAction.parse(address + " names " + name + (validDays > 0 ? " valid-days " + validDays : ""));
    }

    private static String sha256(Issued leaf) throws Exception {
        return HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(leaf.cert().getEncoded()));
    }
}
