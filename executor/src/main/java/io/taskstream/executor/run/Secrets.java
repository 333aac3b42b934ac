package io.taskstream.executor.run;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves {@code ${secret:NAME}} in env values from the executor's configured secrets. */
final class Secrets {
    private static final Pattern REF = Pattern.compile("\\$\\{secret:([A-Za-z0-9_.-]+)}");

    private final Map<String, String> values;

    Secrets(Map<String, String> values) {
        this.values = values;
    }

    /** The env with references replaced; throws if one names an unknown secret. */
    Map<String, String> resolve(Map<String, String> env) {
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
    java.util.List<String> usedBy(Map<String, String> env) {
        return env.values().stream().flatMap(v -> REF.matcher(v).results().map(r -> values.get(r.group(1))))
                .filter(java.util.Objects::nonNull).toList();
    }
}
