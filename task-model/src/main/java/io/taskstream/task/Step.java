package io.taskstream.task;

import java.util.Objects;
import java.util.Set;

/**
 * One {@code key: value} bullet nested under a criterion, e.g. {@code - run: `make build`}.
 *
 * @param key   one of {@link #KNOWN_KEYS}
 * @param value the value, trimmed, without one surrounding code span (backticks)
 * @param line  1-based line of the bullet
 */
public record Step(String key, String value, int line) {
    public static final String RUN = "run";
    public static final String IN = "in";
    public static final String ENV = "env";
    public static final String TIMEOUT = "timeout";
    public static final String VERIFY = "verify";
    public static final String NEEDS = "needs";

    /** Typed actions: each is executable and brings its own default verification. */
    public static final Set<String> ACTION_KEYS = Set.of("build", "set-image", "k8s-ready", "http", "tls");

    /** Every key that makes a nested bullet a step; other nested bullets are notes. */
    public static final Set<String> KNOWN_KEYS = Set.of(RUN, IN, ENV, TIMEOUT, VERIFY, NEEDS,
            "build", "set-image", "k8s-ready", "http", "tls");

    /** Validates the components. */
    public Step {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** @return true for a typed action ({@link #ACTION_KEYS}) */
    public boolean isAction() {
        return ACTION_KEYS.contains(key);
    }
}
