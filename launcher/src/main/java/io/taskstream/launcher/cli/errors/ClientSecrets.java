package io.taskstream.launcher.cli.errors;

import io.taskstream.launcher.config.SecretValues;
import io.taskstream.runtime.process.Redactor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Kafka client properties in messages: what is safe to show of them, and their credentials kept out of any text. */
public final class ClientSecrets {
    private ClientSecrets() {
    }

    /**
     * {@code key=value, ...} in key order, credentials (see {@link SecretValues#isSecret}) shown as
     * {@value SecretValues#REDACTED}.
     */
    public static String shown(Map<String, String> properties) {
        List<String> out = new ArrayList<>();
        new TreeMap<>(properties).forEach((k, v) -> out.add(k + "=" + SecretValues.shown(k, v)));
        return String.join(", ", out);
    }

    /**
     * {@code text} without the credentials among {@code properties}: each value, and each word of it, since a
     * client's parser names the token it rejects (a JAAS config's password where a flag belongs).
     */
    public static String mask(String text, Map<String, String> properties) {
        List<String> secrets = new ArrayList<>();
        properties.forEach((k, v) -> {
            if (SecretValues.isSecret(k) && v != null) {
                secrets.add(v);
                secrets.addAll(List.of(v.split("[\\s\"';=]+")));
            }
        });
        return secrets.isEmpty() || text == null ? text : new Redactor(secrets).redact(text);
    }

    /**
     * A Kafka client could not be made of the {@code kafka:} properties: what it rejected, in one line, credentials
     * masked; bad usage ({@code exitCode}).
     */
    public static UserError invalid(Throwable e, Map<String, String> properties, int exitCode) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new UserError(exitCode, "cannot make a Kafka client of the kafka: properties of --config: "
                + mask(why.lines().findFirst().orElse(why), properties) + " — fix them in the file", e);
    }
}
