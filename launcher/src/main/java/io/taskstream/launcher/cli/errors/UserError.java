package io.taskstream.launcher.cli.errors;

/**
 * An error a person can fix: its message says what happened and what to do, in one or two lines, and the
 * command exits with {@link #exitCode()}. The CLI prints no stack trace for it unless {@code --verbose}.
 */
public class UserError extends RuntimeException {
    private final int exitCode;

    public UserError(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public UserError(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
