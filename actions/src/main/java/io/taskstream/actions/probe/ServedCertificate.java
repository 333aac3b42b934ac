package io.taskstream.actions.probe;

import javax.security.auth.x500.X500Principal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The leaf certificate a port served, and how it measures up against a {@code tls:} action. */
record ServedCertificate(X509Certificate leaf, List<String> names, String issuer, Instant notBefore,
                         Instant notAfter, String sha256) {

    static ServedCertificate of(X509Certificate leaf) {
        return new ServedCertificate(leaf, SubjectNames.describe(leaf),
                leaf.getIssuerX500Principal().getName(X500Principal.RFC2253),
                leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), fingerprint(leaf));
    }

    /**
     * What is wrong with this certificate for the action, as one sentence; empty when nothing is.
     *
     * @param address how the reader knows the port, e.g. {@code 127.0.0.1:5443}
     */
    Optional<String> problem(String address, String wanted, int validDays, Instant now) {
        String served = address + " serves " + subject();
        if (!SubjectNames.names(leaf, wanted)) {
            return Optional.of(served + " (" + validity(now) + ", issuer " + issuer + "), not " + wanted);
        }
        if (now.isBefore(notBefore)) {
            return Optional.of(served + " (issuer " + issuer + ") that is not valid until " + date(notBefore));
        }
        if (now.isAfter(notAfter)) {
            return Optional.of(served + " (issuer " + issuer + ") that expired on " + date(notAfter));
        }
        if (now.plus(Duration.ofDays(validDays)).isAfter(notAfter)) {
            return Optional.of(served + " (issuer " + issuer + ") that expires " + date(notAfter)
                    + ", within the required " + validDays + " days");
        }
        return Optional.empty();
    }

    /** {@code 127.0.0.1:5443 serves DNS:registry.local (expires 2027-03-01, issuer CN=…, sha256 fingerprint …)}. */
    String summary(String address) {
        String what = names.isEmpty() ? "a certificate with no subjectAltNames" : String.join(", ", names);
        return address + " serves " + what + " (expires " + date(notAfter) + ", issuer " + issuer
                + ", sha256 fingerprint " + sha256 + ")";
    }

    Map<String, String> facts() {
        return Map.of("tls.names", String.join(", ", names), "tls.notAfter", date(notAfter).toString(),
                "tls.issuer", issuer, "tls.sha256", sha256);
    }

    private String subject() {
        if (names.isEmpty()) {
            return "a certificate with no subjectAltNames, only subject "
                    + leaf.getSubjectX500Principal().getName(X500Principal.RFC2253);
        }
        return "a certificate for " + String.join(", ", names);
    }

    private String validity(Instant now) {
        if (now.isBefore(notBefore)) {
            return "not valid until " + date(notBefore);
        }
        return (now.isAfter(notAfter) ? "expired on " : "expires ") + date(notAfter);
    }

    private static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String fingerprint(X509Certificate cert) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
    }
}
