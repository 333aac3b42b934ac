package io.taskstream.runtime.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checks of the services' config records: a bad value fails when the record is built, with a message naming
 * the key, the value and what was expected ({@code executor.maxAttempts: 0 — expected an integer ≥ 1}). Secret
 * values never appear in a message.
 */
public final class ConfigCheck {
    /** What messages and {@code toString()} show instead of a secret value. */
    public static final String MASKED = "***";

    private ConfigCheck() {
    }

    /** The failure for {@code value} of {@code key}. */
    public static IllegalArgumentException invalid(String key, Object value, String expected) {
        return new IllegalArgumentException(key + ": " + shown(value) + " — expected " + expected);
    }

    /** The failure for the secret value of {@code key}, which it does not show. */
    public static IllegalArgumentException invalidSecret(String key, String expected) {
        return new IllegalArgumentException(key + ": " + MASKED + " — expected " + expected);
    }

    /** {@code value}, when it is not null. */
    public static <T> T present(String key, T value, String expected) {
        if (value == null) {
            throw invalid(key, null, expected);
        }
        return value;
    }

    /** {@code value}, when it is neither null nor blank. */
    public static String text(String key, String value, String expected) {
        if (value == null || value.isBlank()) {
            throw invalid(key, value, expected);
        }
        return value;
    }

    /** {@code value}, when it is not null. */
    public static Path path(String key, Path value) {
        return present(key, value, "a path");
    }

    /** {@code value}, when it is at least {@code min}. */
    public static int atLeast(String key, int value, int min) {
        if (value < min) {
            throw invalid(key, value, "an integer ≥ " + min);
        }
        return value;
    }

    /** {@code value}, when it is a port number or 0 (any free port). */
    public static int port(String key, int value) {
        if (value < 0 || value > 65_535) {
            throw invalid(key, value, "a port within 0..65535 (0: any free port)");
        }
        return value;
    }

    /** {@code value}, when it is longer than zero. */
    public static Duration positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw invalid(key, value, "a duration > 0");
        }
        return value;
    }

    /** {@code value}, when it is not negative. */
    public static Duration notNegative(String key, Duration value) {
        if (value == null || value.isNegative()) {
            throw invalid(key, value, "a duration ≥ 0");
        }
        return value;
    }

    /** {@code value}, when it is at least a millisecond (what timers measured in milliseconds need). */
    public static Duration millis(String key, Duration value) {
        if (value == null || value.toMillis() < 1) {
            throw invalid(key, value, "a duration ≥ 1 ms");
        }
        return value;
    }

    /**
     * An immutable copy of {@code secrets} (none when null), when each has a name and a value; a failure names the
     * secret, never its value.
     */
    public static Map<String, String> secrets(String key, Map<String, String> secrets) {
        if (secrets == null) {
            return Map.of();
        }
        Map<String, String> copy = new TreeMap<>();
        secrets.forEach((name, value) -> {
            if (name == null || name.isBlank()) {
                throw invalid(key, name, "each secret to have a name");
            }
            if (value == null) {
                throw invalid(key + "." + name, null, "a value");
            }
            copy.put(name, value);
        });
        return Map.copyOf(copy);
    }

    /** {@code secrets} with their names only, for {@code toString()}: {@code {a=***, b=***}}. */
    public static String masked(Map<String, String> secrets) {
        Map<String, String> shown = new TreeMap<>();
        secrets.keySet().forEach(name -> shown.put(name, MASKED));
        return shown.toString();
    }

    private static String shown(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
