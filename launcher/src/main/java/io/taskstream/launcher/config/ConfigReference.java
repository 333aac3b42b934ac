package io.taskstream.launcher.config;

import io.taskstream.launcher.Taskstream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code docs/CONFIG.md}: every option of {@code taskstream run} with its variable, key and default, from the model. */
public final class ConfigReference {
    /** Where the reference is kept, from the repository's root. */
    public static final String FILE = "docs/CONFIG.md";

    private ConfigReference() {
    }

    /** Writes the reference to {@code args[0]}, else {@value #FILE}. */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : FILE);
        Files.writeString(target, markdown());
        System.out.println("wrote " + target);
    }

    /** The reference of the {@code run} command as {@link Taskstream#commandLine()} builds it. */
    public static String markdown() {
        return markdown(Taskstream.commandLine(Map.of()).getSubcommands().get("run").getCommandSpec());
    }

    static String markdown(CommandSpec run) {
        StringBuilder md = new StringBuilder("""
                # Configuring `taskstream run`

                <!-- Generated from the command's options by io.taskstream.launcher.config.ConfigReference: do not edit. -->

                Every option of `taskstream run` can be given three ways. A flag wins over an environment variable,
                which wins over the configuration file, which wins over the default.

                - **Flag**: `--concurrency 16`.
                - **Environment variable**: `TASKSTREAM_` and the option's name in upper snake case,
                  `TASKSTREAM_CONCURRENCY=16`.
                - **YAML file** named by `--config FILE` (or `TASKSTREAM_CONFIG`): the option's name without its dashes
                  as the key, `concurrency: 16`; repeatable options take a YAML list. A key the table does not list is an
                  error that names the nearest valid one.

                The file may also hold a `kafka:` map of Kafka client properties (TLS, SASL) for the clients the
                services create. A credential (a key naming a secret, token, password or JAAS config) may be given as
                `file:/path`: the file's content is used and the value is never printed.

                ```yaml
                bootstrap-servers: kafka-0.kafka:9093
                task-repo: https://git.example/tasks.git
                workspace: /srv/ws
                kube-context: kind-dev
                concurrency: 16
                insecure-registry: [registry.local:5000]
                kafka:
                  security.protocol: SASL_SSL
                  sasl.mechanism: SCRAM-SHA-512
                  sasl.jaas.config: file:/run/secrets/jaas
                ```

                | Option | Environment variable | YAML key | Default | Description |
                |---|---|---|---|---|
                """);
        run.options().stream().filter(ConfigDefaults::configurable)
                .sorted(java.util.Comparator.comparing(OptionSpec::longestName))
                .forEach(o -> md.append("| `").append(o.longestName()).append("` | `")
                        .append(ConfigDefaults.environmentVariable(o.longestName())).append("` | `")
                        .append(ConfigDefaults.key(o.longestName())).append("` | ")
                        .append(cell(defaultOf(o))).append(" | ").append(cell(description(o))).append(" |\n"));
        return md.toString();
    }

    private static String defaultOf(OptionSpec o) {
        if (o.defaultValue() != null && !o.defaultValue().isEmpty()) {
            return "`" + o.defaultValue() + "`";
        }
        return o.type() == boolean.class ? "`false`" : "";
    }

    private static String description(OptionSpec o) {
        // The default has its own column.
        return String.join(" ", o.description()).replace(" (default: ${DEFAULT-VALUE})", "")
                .replace(" (default: " + o.defaultValue() + ")", "")
                .replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue()));
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
