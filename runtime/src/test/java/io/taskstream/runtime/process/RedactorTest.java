package io.taskstream.runtime.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {
    private static final String CONFIGURED = "correct-horse-battery";
    private static final String ALNUM = "A1b2C3d4E5f6G7h8I9j0";

    /** A text, the secret in it, and what must be left of the text. */
    record Case(String name, String input, String secret, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> secrets() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        String key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAv0Zx\nq83kdkw==\n-----END RSA PRIVATE KEY-----";
        return Stream.of(
                new Case("github classic token", "pushed with ghp_" + ALNUM + "xyz", "ghp_" + ALNUM, "pushed with [REDACTED]"),
                new Case("github oauth token", "gho_" + ALNUM + " ok", "gho_" + ALNUM, "[REDACTED] ok"),
                new Case("github fine-grained token", "github_pat_11AB_" + ALNUM, "github_pat_", "[REDACTED]"),
                new Case("gitlab token", "glpat-" + ALNUM + "-x_y", "glpat-", "[REDACTED]"),
                new Case("aws access key id", "id AKIAIOSFODNN7EXAMPLE.", "AKIAIOSFODNN7EXAMPLE", "id [REDACTED]."),
                new Case("slack token", "xoxb-1234567890-abcdef", "xoxb-", "[REDACTED]"),
                new Case("jwt", "cookie " + jwt + ";", jwt, "cookie [REDACTED];"),
                new Case("private key block", "before\n" + key + "\nafter", "MIIEpAIBAAKCAQEAv0Zx", "before\n[REDACTED]\nafter"),
                new Case("bearer header", "Authorization: Bearer abc.def-123456", "abc.def-123456", "Authorization: Bearer [REDACTED]"),
                new Case("password assignment", "password=hunter2 rest", "hunter2", "password=[REDACTED] rest"),
                new Case("quoted secret in yaml", "db_password: \"two words\"", "two words", "db_password: [REDACTED]"),
                new Case("api key in env line", "export API_KEY='k3y value'", "k3y value", "export API_KEY=[REDACTED]"),
                new Case("token assignment", "TOKEN = abc123", "abc123", "TOKEN = [REDACTED]"),
                new Case("configured secret value", "connecting as " + CONFIGURED + "!", CONFIGURED, "connecting as [REDACTED]!"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void removesSecrets(Case c) {
        String out = new Redactor(List.of(CONFIGURED)).redact(c.input());

        assertThat(out).doesNotContain(c.secret()).isEqualTo(c.expected());
    }

    static Stream<Case> harmless() {
        return Stream.of(
                new Case("plain output", "deployment.apps/ffl configured", null, null),
                new Case("too short to be a github token", "ghp_short", null, null),
                new Case("lower-case aws-like id", "akiaiosfodnn7example", null, null),
                new Case("password mentioned without a value", "the password is required", null, null),
                new Case("bearer of a short word", "bearer of news", null, null),
                new Case("a git sha", "HEAD is now at 3f2a9c1d0e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c", null, null),
                new Case("configured value shorter than four characters", "abc def", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("harmless")
    void leavesOrdinaryTextAlone(Case c) {
        assertThat(new Redactor(List.of(CONFIGURED, "abc")).redact(c.input())).isEqualTo(c.input());
    }

    @Test
    void withAddsSecretsAndKeepsTheOldOnes() {
        Redactor r = new Redactor(List.of("first-secret")).with(List.of("second-secret"));

        assertThat(r.redact("first-secret second-secret")).isEqualTo("[REDACTED] [REDACTED]");
        assertThat(r.redact(List.of("a first-secret", "b"))).containsExactly("a [REDACTED]", "b");
    }

    @Test
    void longerSecretsWinOverTheirPrefixes() {
        Redactor r = new Redactor(List.of("open", "opensesame"));

        assertThat(r.redact("opensesame")).isEqualTo("[REDACTED]");
    }

    @Test
    void nullAndEmptyPassThrough() {
        assertThat(Redactor.none().redact((String) null)).isNull();
        assertThat(Redactor.none().redact("")).isEmpty();
    }
}
