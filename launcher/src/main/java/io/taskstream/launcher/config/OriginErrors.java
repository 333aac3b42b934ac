package io.taskstream.launcher.config;

import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * A bad value from the environment or the configuration file: the message names the variable or the key the value
 * came from (credentials redacted), then the usual handler answers.
 */
final class OriginErrors implements IParameterExceptionHandler {
    private final ConfigDefaults defaults;
    private final IParameterExceptionHandler next;

    OriginErrors(ConfigDefaults defaults, IParameterExceptionHandler next) {
        this.defaults = defaults;
        this.next = next;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) throws Exception {
        ArgSpec arg = ex.getArgSpec();
        String origin = arg == null ? null : defaults.origin(arg);
        if (origin == null || ex.getValue() == null || args(args, arg)) {
            return next.handleParseException(ex, args);
        }
        String message = ex.getMessage();
        if (arg instanceof OptionSpec o && SecretValues.isSecret(ConfigDefaults.key(o.longestName()))) {
            message = message.replace(ex.getValue(), SecretValues.REDACTED);
        }
        ParameterException named = new ParameterException(ex.getCommandLine(), message + " (from " + origin + ")",
                ex, arg, ex.getValue());
        return next.handleParseException(named, args);
    }

    /** Whether the command line itself gave {@code arg}: then the flag is what was wrong. */
    private static boolean args(String[] args, ArgSpec arg) {
        if (!(arg instanceof OptionSpec o)) {
            return false;
        }
        for (String a : args) {
            for (String name : o.names()) {
                if (a.equals(name) || a.startsWith(name + "=")) {
                    return true;
                }
            }
        }
        return false;
    }
}
