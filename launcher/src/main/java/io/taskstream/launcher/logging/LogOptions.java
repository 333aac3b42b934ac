package io.taskstream.launcher.logging;

import io.taskstream.launcher.config.ConfigDefaults;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The global options {@value #FORMAT} and {@value #LEVEL}: a flag (on the command or before it), else the
 * command's configuration file where it has one, else {@code TASKSTREAM_LOG_FORMAT} / {@code TASKSTREAM_LOG_LEVEL}
 * for every command, else what {@code logback.xml} says (text, info).
 */
public final class LogOptions {
    /** Text or JSON lines. */
    public static final String FORMAT = "--log-format";
    /** The level of Taskstream's own loggers. */
    public static final String LEVEL = "--log-level";

    private LogOptions() {
    }

    /** Applies what {@code parsed} and {@code environment} say, before the command runs. */
    public static void apply(ParseResult parsed, Map<String, String> environment) {
        LogSetup.apply(value(parsed, FORMAT, LogSetup.Format.class, environment),
                value(parsed, LEVEL, LogSetup.Level.class, environment));
    }

    private static <E extends Enum<E>> E value(ParseResult parsed, String name, Class<E> type,
                                               Map<String, String> environment) {
        Object given = null;
        ParseResult leaf = parsed;
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            leaf = p;
            if (p.hasMatchedOption(name)) {
                given = p.matchedOptionValue(name, null);
            }
        }
        if (given == null) {
            // Commands with --config resolve the variable and the file into the option's default.
            OptionSpec option = leaf.commandSpec().findOption(name);
            given = option == null ? null : option.getValue();
        }
        if (given != null) {
            return type.cast(given);
        }
        String variable = ConfigDefaults.environmentVariable(name);
        String raw = environment.get(variable);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String valid = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            throw new ParameterException(leaf.commandSpec().commandLine(), "Invalid value for environment variable "
                    + variable + ": '" + raw + "' (expected one of " + valid + ")");
        }
    }
}
