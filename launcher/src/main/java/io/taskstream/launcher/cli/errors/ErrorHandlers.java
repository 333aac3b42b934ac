package io.taskstream.launcher.cli.errors;

import io.taskstream.launcher.config.ConfigDefaults;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Map;

/**
 * How the CLI answers errors: one or two lines saying what to do and a documented exit code; the stack trace
 * only with {@code --verbose}.
 */
public final class ErrorHandlers implements IExecutionExceptionHandler, IParameterExceptionHandler {
    /** The global option that brings stack traces back. */
    public static final String VERBOSE = "--verbose";
    /** An error nobody anticipated: the command failed. */
    public static final int UNEXPECTED = 1;

    private final int usageExitCode;

    /** @param usageExitCode the exit code of bad usage (a typo, a bad option value) */
    public ErrorHandlers(int usageExitCode) {
        this.usageExitCode = usageExitCode;
    }

    /** Installs both handlers on {@code cl} (and, through picocli, its subcommands). */
    public CommandLine install(CommandLine cl) {
        return cl.setExecutionExceptionHandler(this).setParameterExceptionHandler(this);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        if (Arrays.asList(args).contains(VERBOSE)) {
            ex.printStackTrace(err);
        }
        err.println(cl.getColorScheme().errorText(ex.getMessage()));
        if (!UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for the options and examples.");
        }
        err.flush();
        return usageExitCode;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Map<String, String> kafka = kafkaProperties(cl);
        if (verbose(parsed)) {
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            err.print(ClientSecrets.mask(trace.toString(), kafka));
        }
        UserError known = find(ex);
        if (known == null && cause(ex, ConfigException.class) != null) {
            // the clients' own settings are valid: a value Kafka rejects came from the kafka: properties
            known = ClientSecrets.invalid(cause(ex, ConfigException.class), kafka, usageExitCode);
        }
        if (known != null) {
            err.println(ClientSecrets.mask(known.getMessage(), kafka));
            err.flush();
            return known.exitCode();
        }
        String what = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + ClientSecrets.mask(firstLine(what), kafka));
        if (!verbose(parsed)) {
            err.println("Run it again with " + VERBOSE + " for the stack trace.");
        }
        err.flush();
        return UNEXPECTED;
    }

    /** The Kafka client properties of the command's configuration file, whose credentials no message may show. */
    private static Map<String, String> kafkaProperties(CommandLine cl) {
        try {
            return cl.getCommandSpec().defaultValueProvider() instanceof ConfigDefaults d
                    && cl.getCommandSpec().findOption(ConfigDefaults.CONFIG) != null
                    ? d.kafka(cl.getCommandSpec()).values() : Map.of();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private static Throwable cause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return c;
            }
        }
        return null;
    }

    private static UserError find(Throwable t) {
        return (UserError) cause(t, UserError.class);
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
