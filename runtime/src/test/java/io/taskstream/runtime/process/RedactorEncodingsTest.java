package io.taskstream.runtime.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeout;

/** A configured secret is redacted in the encodings a command can print it in, not only verbatim. */
class RedactorEncodingsTest {
    /** Has characters that URL and JSON encoders escape, and bytes whose base64 holds '+' and '/'. */
    private static final String SECRET = "s3cr3t>p@ss w/rd?~";
    private static final Redactor REDACTOR = new Redactor(List.of(SECRET));

    record Form(String name, String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Form> forms() {
        byte[] bytes = SECRET.getBytes(StandardCharsets.UTF_8);
        String hex = HexFormat.of().formatHex(bytes);
        String base64 = Base64.getEncoder().encodeToString(bytes);
        return Stream.of(
                new Form("base64", base64),
                new Form("base64 without padding", base64.replace("=", "")),
                new Form("base64url", Base64.getUrlEncoder().encodeToString(bytes)),
                new Form("base64url without padding", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)),
                new Form("hex", hex),
                new Form("upper-case hex", hex.toUpperCase()),
                new Form("form url-encoding (+ for space)", URLEncoder.encode(SECRET, StandardCharsets.UTF_8)),
                new Form("percent-encoding (%20 for space)",
                        URLEncoder.encode(SECRET, StandardCharsets.UTF_8).replace("+", "%20")),
                new Form("percent-encoding with lower-case hex", "s3cr3t%3ep%40ss%20w%2frd%3f~"),
                new Form("percent-encoding of every byte", percentEveryByte(bytes)),
                new Form("reversed", new StringBuilder(SECRET).reverse().toString()),
                new Form("json with an escaped slash", "s3cr3t>p@ss w\\/rd?~"),
                new Form("json with unicode escapes", "s3cr3t\\u003ep\\u0040ss w/rd?~"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void redactsTheEncodedSecretInsideLongerText(Form form) {
        assertThat(form.text()).as("the form differs from the value").isNotEqualTo(SECRET);

        String out = REDACTOR.redact("login with " + form.text() + " then go on\n");

        assertThat(out).isEqualTo("login with [REDACTED] then go on\n");
    }

    @Test
    void redactsJsonEscapesOfQuotesAndBackslashes() {
        Redactor r = new Redactor(List.of("pa\"ss\\word-42"));

        assertThat(r.redact("{\"password\":\"pa\\\"ss\\\\word-42\"}")).doesNotContain("word-42")
                .contains(Redactor.MASK);
        assertThat(r.redact("value: pa\\u0022ss\\u005cword-42.")).isEqualTo("value: [REDACTED].");
    }

    /**
     * A secret inside longer base64 (after {@code p} bytes, before {@code s} more): only the characters
     * that carry bits of the bytes around it stay; when the secret ends the data, its padding goes too.
     */
    @Test
    void redactsBase64OfTheSecretAtEveryByteOffset() {
        for (String alphabet : List.of("standard", "url")) {
            Base64.Encoder encoder = alphabet.equals("url") ? Base64.getUrlEncoder() : Base64.getEncoder();
            for (int p = 0; p <= 5; p++) {
                for (int s = 0; s <= 3; s++) {
                    String before = "u".repeat(p);
                    String after = "v".repeat(s);
                    String encoded = encoder.encodeToString((before + SECRET + after).getBytes(StandardCharsets.UTF_8));
                    int bits = 8 * (p + SECRET.length());
                    String kept = encoded.substring(0, (8 * p + 5) / 6) + Redactor.MASK
                            + (s == 0 ? "" : encoded.substring(bits / 6));

                    assertThat(REDACTOR.redact("auth=" + encoded + ";"))
                            .as("%s base64, %d bytes before, %d after: %s", alphabet, p, s, encoded)
                            .isEqualTo("auth=" + kept + ";");
                }
            }
        }
    }

    @Test
    void redactsThePasswordInADockerRegistryAuthConfig() {
        String password = "Zq9-registry-pass";
        String auth = Base64.getEncoder().encodeToString(("robot:" + password).getBytes(StandardCharsets.UTF_8));
        String config = "{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" + auth + "\"}}}";

        String out = new Redactor(List.of(password)).redact(config);

        assertThat(out).startsWith("{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"cm9ib3Q6").endsWith(Redactor.MASK + "\"}}}");
        assertThat(out.length()).isLessThan(config.length());
    }

    @Test
    void redactsEveryEncodingOfEverySecretAtOnce() {
        Redactor r = new Redactor(List.of("first-secret-1", "second-secret-2"));
        String first = Base64.getEncoder().encodeToString("first-secret-1".getBytes(StandardCharsets.UTF_8));
        String second = HexFormat.of().formatHex("second-secret-2".getBytes(StandardCharsets.UTF_8));

        assertThat(r.redact(first + " " + second)).isEqualTo("[REDACTED] [REDACTED]");
    }

    static Stream<Form> innocent() {
        return Stream.of(
                new Form("a git sha", "HEAD is now at 3f2a9c1d0e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c"),
                new Form("unrelated base64", "data: aGVsbG8gd29ybGQsIHRoaXMgaXMgbm90IGEgc2VjcmV0Cg=="),
                new Form("log lines", "deployment.apps/ffl configured\nREGISTRY_URL=127.0.0.1:5000\n"),
                new Form("the short secret reversed", "the deer ran"),
                new Form("fragments of the short secret's base64", "id cmVlZ, ZWVk"));
    }

    /** A secret shorter than the minimum is redacted verbatim only: its short derived forms would mask ordinary text. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("innocent")
    void leavesInnocentTextAlone(Form form) {
        Redactor r = new Redactor(List.of(SECRET, "reed"));

        assertThat(r.redact(form.text())).isEqualTo(form.text());
        assertThat(r.redact("a reed")).isEqualTo("a [REDACTED]");
    }

    @Test
    void theMinimumLengthOfAnEncodedFormIsEightCharacters() {
        Redactor r = new Redactor(List.of("reed-bed"));

        assertThat(Redactor.MIN_ENCODED_LENGTH).isEqualTo(8);
        assertThat(r.redact("deb-deer")).as("reversed, eight characters").isEqualTo(Redactor.MASK);
        assertThat(new Redactor(List.of("reedbed")).redact("debdeer")).as("reversed, seven characters")
                .isEqualTo("debdeer");
    }

    @Test
    void staysFastOnLargeOutputAndAdversarialSecrets() {
        List<String> secrets = new ArrayList<>();
        secrets.add("%".repeat(40));
        secrets.add("\\".repeat(40));
        for (int i = 0; i < 6; i++) {
            secrets.add("secret-number-" + i + "-" + "x".repeat(30));
        }
        Redactor r = new Redactor(secrets);
        String output = ("%25".repeat(39) + "\\u005c".repeat(39) + "%2").repeat(60).substring(0, 16 * 1024);

        assertTimeout(Duration.ofSeconds(5), () -> {
            for (int i = 0; i < 50; i++) {
                assertThat(r.redact(output)).isEqualTo(output);
            }
        });
    }

    private static String percentEveryByte(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
        }
        return sb.toString();
    }
}
