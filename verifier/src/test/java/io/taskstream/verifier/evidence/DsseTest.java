package io.taskstream.verifier.evidence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DsseTest {
    @TempDir
    Path temp;

    @Test
    void paeIsTheSpecsEncodingWithLengthsInBytes() {
        assertThat(new String(Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)).isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
        assertThat(Dsse.pae("t", "é".getBytes(StandardCharsets.UTF_8))).as("the body's length counts bytes, not chars")
                .isEqualTo("DSSEv1 1 t 2 é".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(Dsse.pae("", new byte[0]), StandardCharsets.UTF_8)).isEqualTo("DSSEv1 0  0 ");
    }

    @Test
    void anEnvelopeVerifiesWithItsKeyAndNotWithAnotherOrAfterAnyChange() throws Exception {
        EvidenceKey key = EvidenceKey.loadOrGenerate(temp.resolve("k.pem"));
        EvidenceKey other = EvidenceKey.loadOrGenerate(temp.resolve("other.pem"));
        Dsse signed = Dsse.sign(Dsse.IN_TOTO, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), key);

        Dsse read = Dsse.parse(signed.toJson());
        assertThat(read.signedBy(key.publicKey())).isTrue();
        assertThat(read.signatures().get(0).keyid()).isEqualTo(key.keyId()).hasSize(64);
        assertThat(read.signedBy(other.publicKey())).isFalse();
        assertThat(new Dsse(read.payloadType(), "{\"a\":2}".getBytes(StandardCharsets.UTF_8), read.signatures())
                .signedBy(key.publicKey())).as("a changed payload").isFalse();
        assertThat(new Dsse("application/json", read.payload(), read.signatures()).signedBy(key.publicKey()))
                .as("a changed payload type is signed too").isFalse();
        assertThatThrownBy(() -> Dsse.parse("{\"payload\":1}")).hasMessageContaining("not a DSSE envelope");
    }

    @Test
    void aKeyIsGeneratedOncePrivateToItsOwnerAndReadBackTheSame() throws Exception {
        Path file = temp.resolve("state/verifier/evidence-key.pem");
        EvidenceKey first = EvidenceKey.loadOrGenerate(file);
        EvidenceKey again = EvidenceKey.loadOrGenerate(file);

        assertThat(again.keyId()).isEqualTo(first.keyId());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("-----BEGIN PRIVATE KEY-----", "-----BEGIN PUBLIC KEY-----");
        assertThat(Files.readString(EvidenceKey.publicFile(file))).doesNotContain("PRIVATE");
        assertThat(EvidenceKey.readPublicKeys(EvidenceKey.publicFile(file))).singleElement()
                .satisfies(k -> assertThat(EvidenceKey.keyId(k)).isEqualTo(first.keyId()));
    }

    @Test
    void anEcdsaP256KeyFromPemSignsToo() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        var pair = gen.generateKeyPair();
        Path file = temp.resolve("ec.pem");
        Files.writeString(file, Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(EvidenceKey.publicFile(file), Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()));

        EvidenceKey key = EvidenceKey.load(file);

        assertThat(Dsse.sign(Dsse.IN_TOTO, new byte[]{1, 2}, key).signedBy(pair.getPublic())).isTrue();
        Files.writeString(EvidenceKey.publicFile(file), Pem.encode("PUBLIC KEY",
                gen.generateKeyPair().getPublic().getEncoded()));
        assertThatThrownBy(() -> EvidenceKey.load(file)).hasMessageContaining("is not the private key's");
    }
}
