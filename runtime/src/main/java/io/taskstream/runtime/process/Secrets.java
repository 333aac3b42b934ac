package io.taskstream.runtime.process;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${secret:NAME}} in env values from the service's configured secrets, and names the values
 * used so that they can be redacted wherever they show up.
 */
public final class Secrets {
    private static final Pattern REF = Pattern.compile("\\$\\{secret:([A-Za-z0-9_.-]+)}");

    private final Map<String, String> values;

    public Secrets(Map<String, String> values) {
        this.values = values;
    }

    /** Secrets from {@code TASKSTREAM_SECRET_<NAME>} variables: {@code TASKSTREAM_SECRET_REGISTRY_TOKEN} is {@code registry-token}. */
    public static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> out = new HashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith(PREFIX) && k.length() > PREFIX.length()) {
                out.put(k.substring(PREFIX.length()).toLowerCase(java.util.Locale.ROOT).replace('_', '-'), v);
            }
        });
        return out;
    }

    private static final String PREFIX = "TASKSTREAM_SECRET_";

    /** The env with references replaced; throws if one names an unknown secret. */
    public Map<String, String> resolve(Map<String, String> env) {
        Map<String, String> out = new HashMap<>();
        env.forEach((k, v) -> {
            Matcher m = REF.matcher(v);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String secret = values.get(m.group(1));
                if (secret == null) {
                    throw new IllegalArgumentException("env " + k + " names the unknown secret " + m.group(1));
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(secret));
            }
            m.appendTail(sb);
            out.put(k, sb.toString());
        });
        return out;
    }

    /** The secret values that the env uses, to redact them wherever they show up. */
    public java.util.List<String> usedBy(Map<String, String> env) {
        return env.values().stream().flatMap(v -> REF.matcher(v).results().map(r -> values.get(r.group(1))))
                .filter(java.util.Objects::nonNull).toList();
    }
}
