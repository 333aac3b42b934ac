package io.taskstream.launcher.cli;

import io.taskstream.launcher.config.SecretValues;
import io.taskstream.runtime.process.Redactor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Kafka client properties in messages: what is safe to show of them, and their credentials kept out of any text. */
final class ClientSecrets {
    private ClientSecrets() {
    }

    /** {@code key=value, ...} in key order, credentials (see {@link SecretValues#isSecret}) shown as {@value SecretValues#REDACTED}. */
    static String shown(Map<String, String> properties) {
        List<String> out = new ArrayList<>();
        new TreeMap<>(properties).forEach((k, v) -> out.add(k + "=" + SecretValues.shown(k, v)));
        return String.join(", ", out);
    }

    /**
     * {@code text} without the credentials among {@code properties}: each value, and each word of it, since a
     * client's parser names the token it rejects (a JAAS config's password where a flag belongs).
     */
    static String mask(String text, Map<String, String> properties) {
        List<String> secrets = new ArrayList<>();
        properties.forEach((k, v) -> {
            if (SecretValues.isSecret(k) && v != null) {
                secrets.add(v);
                secrets.addAll(List.of(v.split("[\\s\"';=]+")));
            }
        });
        return secrets.isEmpty() || text == null ? text : new Redactor(secrets).redact(text);
    }
}
