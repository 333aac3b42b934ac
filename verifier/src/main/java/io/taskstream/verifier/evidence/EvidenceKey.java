package io.taskstream.verifier.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;


/**
 * The verifier's signing key: Ed25519 (what it generates) or ECDSA P-256, kept in one PEM file that holds the
 * PKCS#8 private key and the X.509 public key, mode 0600; the public half is also written beside it
 * ({@code NAME.pub.pem}) for whoever checks the evidence. A key is named by its id: the hex SHA-256 of the
 * public key's X.509 (SubjectPublicKeyInfo) encoding.
 */
public final class EvidenceKey {
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private EvidenceKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyId(publicKey);
    }

    /** The key in {@code file}, or a new Ed25519 key written there (and its public half beside it) when none is. */
    public static EvidenceKey loadOrGenerate(Path file) throws IOException, GeneralSecurityException {
        if (Files.exists(file)) {
            return load(file);
        }
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        EvidenceKey key = new EvidenceKey(pair.getPrivate(), pair.getPublic());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(partial);
        try {
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(partial);
        }
        Files.writeString(partial, Pem.encode(PRIVATE, pair.getPrivate().getEncoded()) + key.publicPem());
        try {
            Files.move(partial, file);
        } catch (FileAlreadyExistsException e) {
            // Another instance sharing the state directory made one first: use that.
            Files.deleteIfExists(partial);
            return load(file);
        }
        Files.writeString(publicFile(file), key.publicPem());
        return key;
    }

    /**
     * The key in a PEM file holding a {@code PRIVATE KEY} (PKCS#8) and its {@code PUBLIC KEY} (X.509); the public
     * one may instead be in {@code NAME.pub.pem} beside it.
     */
    public static EvidenceKey load(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<byte[]> privates = Pem.blocks(text, PRIVATE);
        if (privates.isEmpty()) {
            throw new IOException(file + " holds no PEM \"" + PRIVATE + "\" block (PKCS#8)");
        }
        List<byte[]> publics = Pem.blocks(text, PUBLIC);
        if (publics.isEmpty() && Files.exists(publicFile(file))) {
            publics = Pem.blocks(Files.readString(publicFile(file), StandardCharsets.US_ASCII), PUBLIC);
        }
        if (publics.isEmpty()) {
            throw new IOException(file + " holds no PEM \"" + PUBLIC + "\" block, and there is no " + publicFile(file)
                    + " (add it: openssl pkey -in KEY -pubout >> KEY)");
        }
        PrivateKey privateKey = privateKey(privates.get(0));
        PublicKey publicKey = publicKey(publics.get(0));
        EvidenceKey key = new EvidenceKey(privateKey, publicKey);
        byte[] probe = "taskstream evidence key check".getBytes(StandardCharsets.US_ASCII);
        if (!verify(publicKey, probe, key.sign(probe))) {
            throw new GeneralSecurityException("the public key in " + file + " is not the private key's");
        }
        return key;
    }

    /** Where the public half of the key in {@code file} is written. */
    public static Path publicFile(Path file) {
        String name = file.getFileName().toString();
        return file.resolveSibling((name.endsWith(".pem") ? name.substring(0, name.length() - 4) : name) + ".pub.pem");
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String publicPem() {
        return Pem.encode(PUBLIC, publicKey.getEncoded());
    }

    public byte[] sign(byte[] data) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm(privateKey.getAlgorithm()));
        signature.initSign(privateKey);
        signature.update(data);
        return signature.sign();
    }

    /** Whether {@code sig} is the key's signature of {@code data}; false for a malformed signature too. */
    public static boolean verify(PublicKey key, byte[] data, byte[] sig) {
        try {
            Signature signature = Signature.getInstance(algorithm(key.getAlgorithm()));
            signature.initVerify(key);
            signature.update(data);
            return signature.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The hex SHA-256 of the key's X.509 encoding. */
    public static String keyId(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Every {@code PUBLIC KEY} in a PEM file. */
    public static List<PublicKey> readPublicKeys(Path file) throws IOException, GeneralSecurityException {
        List<byte[]> blocks = Pem.blocks(Files.readString(file, StandardCharsets.US_ASCII), PUBLIC);
        if (blocks.isEmpty()) {
            throw new IOException(file + " holds no PEM \"" + PUBLIC + "\" block");
        }
        List<PublicKey> keys = new java.util.ArrayList<>();
        for (byte[] b : blocks) {
            keys.add(publicKey(b));
        }
        return keys;
    }

    /** An Ed25519 or EC public key from its X.509 encoding. */
    public static PublicKey publicKey(byte[] x509) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : List.of("Ed25519", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(x509));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("neither an Ed25519 nor an EC public key", last);
    }

    private static PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : List.of("Ed25519", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("neither an Ed25519 nor an EC private key", last);
    }

    private static String algorithm(String keyAlgorithm) throws GeneralSecurityException {
        return switch (keyAlgorithm) {
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "EC" -> "SHA256withECDSA";
            default -> throw new GeneralSecurityException("unsupported key algorithm " + keyAlgorithm);
        };
    }
}
