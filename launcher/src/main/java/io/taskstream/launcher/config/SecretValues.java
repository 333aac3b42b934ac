package io.taskstream.launcher.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Configuration values that are credentials: keys naming a secret, token, password, credential, JAAS config or private key (`*.key`). Their values
 * may be {@code file:/path} references, read here, and are never shown in messages.
 */
public final class SecretValues {
    /** What messages show instead of a credential. */
    public static final String REDACTED = "***";
    private static final String FILE = "file:";

    private SecretValues() {
    }

    /** Whether the value of {@code key} is a credential. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.endsWith("-secret") || k.endsWith("-token") || k.contains("password") || k.contains("secret")
                || k.contains("token") || k.contains("jaas") || k.contains("credential") || k.endsWith(".key");
    }

    /**
     * The value of {@code key}: the content of the file a credential's {@code file:/path} names (without its
     * trailing newline), else {@code value} itself.
     *
     * @param origin where the value came from, for the message when the file cannot be read
     */
    public static String resolve(String key, String value, String origin) {
        if (value == null || !isSecret(key) || !value.startsWith(FILE)) {
            return value;
        }
        Path file = Path.of(value.substring(FILE.length()));
        try {
            return Files.readString(file).stripTrailing();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the secret file " + file + " of " + origin + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /** {@code value}, or {@link #REDACTED} when {@code key} names a credential. */
    public static String shown(String key, String value) {
        return isSecret(key) ? REDACTED : value;
    }
}
