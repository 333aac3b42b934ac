package io.taskstream.scanner.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SignaturesTest {
    /** The example in GitHub's "Validating webhook deliveries". */
    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String EXPECTED = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void computesGitHubsDocumentedExample() {
        assertThat(Signatures.hmacSha256Hex(SECRET, BODY)).isEqualTo(EXPECTED);
    }

    record Candidate(String name, String hex, boolean matches) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Candidate> candidates() {
        return Stream.of(
                new Candidate("the signature", EXPECTED, true),
                new Candidate("upper-case hex", EXPECTED.toUpperCase(), true),
                new Candidate("one digit off", EXPECTED.substring(0, 63) + "8", false),
                new Candidate("a prefix of it", EXPECTED.substring(0, 32), false),
                new Candidate("not hex", "z".repeat(64), false),
                new Candidate("odd length", EXPECTED + "0", false),
                new Candidate("empty", "", false),
                new Candidate("absent", null, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void matchesOnlyTheHmacOfTheBody(Candidate candidate) {
        assertThat(Signatures.hmacMatches(candidate.hex(), SECRET, BODY)).isEqualTo(candidate.matches());
    }

    @Test
    void anotherBodyOrSecretDoesNotMatch() {
        assertThat(Signatures.hmacMatches(EXPECTED, SECRET, "Hello, World?".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Signatures.hmacMatches(EXPECTED, SECRET + " ", BODY)).isFalse();
    }

    @Test
    void tokensMatchOnlyExactly() {
        assertThat(Signatures.tokenMatches("s3cret", "s3cret")).isTrue();
        assertThat(Signatures.tokenMatches("s3cre", "s3cret")).isFalse();
        assertThat(Signatures.tokenMatches("S3CRET", "s3cret")).isFalse();
        assertThat(Signatures.tokenMatches(null, "s3cret")).isFalse();
    }
}
