package io.taskstream.launcher.config;

import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Option values not given as flags, for the commands that have {@value #CONFIG}: the environment variable
 * {@code TASKSTREAM_<OPTION_IN_UPPER_SNAKE>} first, then the option's key in the YAML file {@value #CONFIG}
 * (or {@code TASKSTREAM_CONFIG}) names, then the option's own default. Picocli asks only for options the command
 * line does not set, so a flag always wins.
 */
public final class ConfigDefaults implements IDefaultValueProvider {
    /** The option naming the configuration file. */
    public static final String CONFIG = "--config";
    private static final String PREFIX = "TASKSTREAM_";

    private final Map<String, String> environment;
    private final Map<List<Object>, ConfigFile> files = new ConcurrentHashMap<>();
    private final Map<ArgSpec, String> origins = new ConcurrentHashMap<>();

    /** @param environment where the variables are read: the process's, or a test's */
    public ConfigDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The environment variable of the option named {@code longName} ({@code --kube-context}: TASKSTREAM_KUBE_CONTEXT). */
    public static String environmentVariable(String longName) {
        return PREFIX + key(longName).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The YAML key of the option named {@code longName}: the name without its dashes. */
    public static String key(String longName) {
        return longName.replaceFirst("^-+", "");
    }

    /** Whether {@code option} may come from the environment and the file (not help, version, or the file itself). */
    public static boolean configurable(OptionSpec option) {
        return !option.usageHelp() && !option.versionHelp() && !option.longestName().equals(CONFIG)
                && !option.longestName().equals("--verbose");
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || !configurable(option)) {
            return arg instanceof OptionSpec o && o.longestName().equals(CONFIG) ? environment.get(PREFIX + "CONFIG")
                    : null;
        }
        CommandSpec spec = option.command();
        if (spec == null || spec.findOption(CONFIG) == null) {
            return null;
        }
        String key = key(option.longestName());
        String variable = environmentVariable(option.longestName());
        String value = environment.get(variable);
        String origin = "environment variable " + variable;
        if (value == null) {
            ConfigFile file = file(spec);
            value = file == null ? null : file.values().get(key);
            origin = file == null ? null : "key '" + key + "' in " + file.path();
        }
        if (value == null) {
            return null;
        }
        origins.put(arg, origin);
        try {
            return SecretValues.resolve(key, value, origin);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Where the value of {@code arg} came from when it came from here, else null. */
    public String origin(ArgSpec arg) {
        return origins.get(arg);
    }

    /** The Kafka client properties of {@code spec}'s configuration file; none without a file. */
    public KafkaProperties kafka(CommandSpec spec) {
        ConfigFile file = file(spec);
        return file == null ? KafkaProperties.NONE : file.kafka();
    }

    private ConfigFile file(CommandSpec spec) {
        OptionSpec config = spec.findOption(CONFIG);
        Object given = config == null ? null : config.getValue();
        String name = given != null ? given.toString() : environment.get(PREFIX + "CONFIG");
        if (name == null) {
            return null;
        }
        try {
            return files.computeIfAbsent(List.of(spec, name), k -> ConfigFile.read(Path.of(name), sharedKeys(spec)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The keys a configuration file for {@code spec} may hold. */
    public static List<String> keys(CommandSpec spec) {
        return spec.options().stream().filter(ConfigDefaults::configurable).map(o -> key(o.longestName()))
                .sorted().toList();
    }

    /**
     * The keys a configuration file read by {@code spec} may hold: those of every command with {@value #CONFIG},
     * so that one file serves them all (a compose stack's or a ConfigMap's, read by the services and the CLI); each
     * command takes the keys of its own options, and a key of none is an error.
     */
    static List<String> sharedKeys(CommandSpec spec) {
        CommandSpec root = spec.root();
        java.util.SortedSet<String> keys = new java.util.TreeSet<>(keys(spec));
        root.subcommands().values().stream().map(CommandLine::getCommandSpec)
                .filter(c -> c.findOption(CONFIG) != null).forEach(c -> keys.addAll(keys(c)));
        return List.copyOf(keys);
    }

    /** Installs this on {@code cl} and its subcommands, with the error messages that name a value's origin. */
    public CommandLine install(CommandLine cl) {
        cl.setDefaultValueProvider(this);
        return cl.setParameterExceptionHandler(new OriginErrors(this, cl.getParameterExceptionHandler()));
    }
}
