package io.taskstream.launcher.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML configuration file: option names without dashes as keys ({@code bootstrap-servers: 127.0.0.1:9092},
 * lists as YAML lists), and a {@code kafka:} map of client properties.
 *
 * @param path   where it was read
 * @param values the options' values as their command-line text (lists joined with commas)
 * @param kafka  the Kafka client properties, {@code file:} credentials read
 */
public record ConfigFile(Path path, Map<String, String> values, KafkaProperties kafka) {
    /** The key of the Kafka client properties. */
    public static final String KAFKA = "kafka";

    /**
     * @param validKeys the option keys the file may hold (besides {@value #KAFKA})
     * @throws IllegalArgumentException naming the unknown key and the nearest valid one, or what is malformed
     */
    public static ConfigFile read(Path path, Collection<String> validKeys) {
        Object root;
        try (Reader r = Files.newBufferedReader(path)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no config file at " + path.toAbsolutePath()
                    + " (named by --config or TASKSTREAM_CONFIG)");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the config file " + path + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the config file " + path + " is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null) {
            return new ConfigFile(path, Map.of(), KafkaProperties.NONE);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the config file " + path + " must be a map of option names to values");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> kafka = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            String origin = "key '" + key + "' in " + path;
            if (key.equals(KAFKA)) {
                if (!(e.getValue() instanceof Map<?, ?> props)) {
                    throw new IllegalArgumentException(origin + " must be a map of Kafka client properties");
                }
                props.forEach((k, v) -> kafka.put(String.valueOf(k), SecretValues.resolve(String.valueOf(k),
                        String.valueOf(v), "kafka." + k + " in " + path)));
            } else if (!validKeys.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + path + "; did you mean '"
                        + Nearest.of(key, validKeys) + "'?");
            } else {
                values.put(key, SecretValues.resolve(key, text(e.getValue()), origin));
            }
        }
        return new ConfigFile(path, values, new KafkaProperties(kafka));
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((k, v) -> shown.put(k, SecretValues.shown(k, v)));
        return "ConfigFile[" + path + ", " + shown + ", " + kafka + "]";
    }
}
