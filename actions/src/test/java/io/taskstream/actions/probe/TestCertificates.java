package io.taskstream.actions.probe;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A CA and the leaf certificates it issues, made in memory for a test. */
final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    /** A key pair and its certificate. */
    record Issued(KeyPair keys, X509Certificate cert) {
    }

    private TestCertificates() {
    }

    static Issued ca(String cn) throws Exception {
        KeyPair keys = keys();
        X500Name name = new X500Name("CN=" + cn);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(Instant.parse("2020-01-01T00:00:00Z")), Date.from(Instant.parse("2040-01-01T00:00:00Z")),
                name, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(keys, sign(builder, keys));
    }

    /** @param sans subjectAltNames such as {@code DNS:registry.local} or {@code IP:127.0.0.3}; may be empty */
    static Issued leaf(Issued ca, String cn, Instant notBefore, Instant notAfter, List<String> sans)
            throws Exception {
        KeyPair keys = keys();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.cert(), serial(),
                Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + cn), keys.getPublic())
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        if (!sans.isEmpty()) {
            GeneralName[] names = sans.stream().map(TestCertificates::generalName).toArray(GeneralName[]::new);
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        return new Issued(keys, sign(builder, ca.keys()));
    }

    private static GeneralName generalName(String san) {
        String value = san.substring(san.indexOf(':') + 1);
        return san.startsWith("IP:") ? new GeneralName(GeneralName.iPAddress, value)
                : new GeneralName(GeneralName.dNSName, value);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }
}
