package io.taskstream.launcher.config;

import io.taskstream.launcher.Taskstream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code docs/CONFIG.md}: for every subcommand that has {@value ConfigDefaults#CONFIG}, each option with its
 * environment variable, YAML key and default, from picocli's model. A command whose options are all options of
 * another (as {@code serve}'s are of {@code run}'s) shares that command's table.
 */
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

    /** The reference of the commands as {@link Taskstream#commandLine()} builds them. */
    public static String markdown() {
        return markdown(Taskstream.commandLine(Map.of()));
    }

    /** The reference of {@code taskstream}'s subcommands that have {@value ConfigDefaults#CONFIG}. */
    static String markdown(CommandLine taskstream) {
        List<CommandSpec> commands = taskstream.getSubcommands().values().stream().map(CommandLine::getCommandSpec)
                .distinct().filter(c -> c.findOption(ConfigDefaults.CONFIG) != null).toList();
        StringBuilder md = new StringBuilder(intro(names(commands)));
        for (List<CommandSpec> group : groups(commands)) {
            section(md, group);
        }
        return md.toString();
    }

    private static String intro(String commands) {
        return """
                # Configuring taskstream

                <!-- Generated from the commands' options by io.taskstream.launcher.config.ConfigReference: do not edit. -->

                The commands that have `--config` are %s.
                Each of their options can be given three ways: a flag wins over an environment variable, which wins
                over the configuration file, which wins over the default.

                - **Flag**: `--concurrency 16`.
                - **Environment variable**: `TASKSTREAM_` and the option's name in upper snake case,
                  `TASKSTREAM_CONCURRENCY=16`.
                - **YAML file** named by `--config FILE` (or `TASKSTREAM_CONFIG`): the option's name without its dashes
                  as the key, `concurrency: 16`; repeatable options take a YAML list. One file serves every command:
                  each takes the keys of its own options and leaves the others' (so `scan` can read the services'
                  file); a key that is no command's option is an error that names the nearest valid one.

                The file may also hold a `kafka:` map of Kafka client properties (TLS, SASL) for every Kafka client
                the command opens, the services' included. A credential, a key naming a secret, token, password,
                credential, JAAS config or a private key (`*.key`), may be given as `file:/path`: the file's content
                is used and the value is never printed.

                A file for `run`:

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
                """.formatted(commands);
    }

    /**
     * The commands in sections: each joins the first larger command whose rows hold all of its own, in the order
     * the first of each section is declared.
     */
    private static List<List<CommandSpec>> groups(List<CommandSpec> commands) {
        Map<CommandSpec, List<CommandSpec>> groups = new LinkedHashMap<>();
        commands.stream().sorted(Comparator.comparingInt((CommandSpec c) -> rows(c).size()).reversed())
                .forEach(c -> groups.keySet().stream().filter(g -> rows(g).values().containsAll(rows(c).values()))
                        .findFirst().ifPresentOrElse(g -> groups.get(g).add(c),
                                () -> groups.put(c, new ArrayList<>(List.of(c)))));
        return groups.values().stream().map(g -> g.stream().sorted(Comparator.comparingInt(commands::indexOf)).toList())
                .sorted(Comparator.comparingInt(g -> commands.indexOf(g.get(0)))).toList();
    }

    private static void section(StringBuilder md, List<CommandSpec> group) {
        String names = names(group);
        md.append("\n## ").append(names).append("\n\n");
        Map<String, Row> all = new TreeMap<>();
        group.forEach(c -> all.putAll(rows(c)));
        if (group.size() > 1) {
            List<String> marks = all.keySet().stream().map(o -> having(group, o)).filter(h -> h.size() < group.size())
                    .map(h -> names(h) + " only").distinct().toList();
            md.append(names).append(" share one table: they take the same options")
                    .append(marks.isEmpty() ? "" : ", but for the rows marked " + String.join(" or ", marks))
                    .append(".\n\n");
        }
        md.append("| Option | Environment variable | YAML key | Default | Description |\n|---|---|---|---|---|\n");
        all.forEach((option, row) -> {
            List<CommandSpec> having = having(group, option);
            String only = having.size() == group.size() ? "" : names(having) + " only: ";
            md.append(row.cells()).append(only).append(row.description()).append(" |\n");
        });
    }

    private static List<CommandSpec> having(List<CommandSpec> group, String option) {
        return group.stream().filter(c -> rows(c).containsKey(option)).toList();
    }

    /** A table row: its cells up to the description, and the description. */
    private record Row(String cells, String description) {
    }

    /** The table rows of {@code command}'s configurable options by long name. */
    private static Map<String, Row> rows(CommandSpec command) {
        Map<String, Row> rows = new TreeMap<>();
        command.options().stream().filter(ConfigDefaults::configurable).forEach(o -> rows.put(o.longestName(),
                new Row("| `" + o.longestName() + "` | `" + ConfigDefaults.environmentVariable(o.longestName())
                        + "` | `" + ConfigDefaults.key(o.longestName()) + "` | " + cell(defaultOf(o)) + " | ",
                        cell(description(o)))));
        return rows;
    }

    /** {@code `run` and `serve`}, {@code `a`, `b` and `c`}. */
    private static String names(List<CommandSpec> commands) {
        List<String> quoted = commands.stream().map(c -> "`" + c.name() + "`").toList();
        return quoted.size() < 2 ? String.join("", quoted)
                : String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1);
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
                .replace(" (default: " + o.defaultValue() + ")", "").replace("; default: " + o.defaultValue() + ")", ")")
                .replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue()));
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
