package io.taskstream.scanner.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Checks what a git host sends to prove a delivery is its own: an HMAC-SHA256 of the raw body (GitHub, Gitea,
 * Forgejo) or a shared token (GitLab). Every comparison takes the same time whatever the input
 * ({@link MessageDigest#isEqual}), so an attacker learns nothing from how long a rejection takes.
 */
final class Signatures {
    private static final String HMAC = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private Signatures() {
    }

    /** The lower-case hex HMAC-SHA256 of {@code body} under {@code secret}. */
    static String hmacSha256Hex(String secret, byte[] body) {
        return HEX.formatHex(hmacSha256(secret, body));
    }

    /**
     * Whether {@code providedHex} (either case) is the HMAC-SHA256 of {@code body} under {@code secret}. Text that
     * is not hex, or of another length, does not match.
     */
    static boolean hmacMatches(String providedHex, String secret, byte[] body) {
        if (providedHex == null) {
            return false;
        }
        byte[] provided;
        try {
            provided = HEX.parseHex(providedHex.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(provided, hmacSha256(secret, body));
    }

    /**
     * Whether a token equals the expected one. Both are hashed first, so neither the content nor the length of
     * the expected token shows in the time the comparison takes.
     */
    static boolean tokenMatches(String provided, String expected) {
        if (provided == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(provided), sha256(expected));
    }

    private static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
