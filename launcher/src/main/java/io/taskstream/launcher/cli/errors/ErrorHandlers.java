package io.taskstream.launcher.cli.errors;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.Arrays;

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
        if (verbose(parsed)) {
            ex.printStackTrace(err);
        }
        UserError known = find(ex);
        if (known != null) {
            err.println(known.getMessage());
            err.flush();
            return known.exitCode();
        }
        String what = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + firstLine(what));
        if (!verbose(parsed)) {
            err.println("Run it again with " + VERBOSE + " for the stack trace.");
        }
        err.flush();
        return UNEXPECTED;
    }

    private static UserError find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof UserError u) {
                return u;
            }
        }
        return null;
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
