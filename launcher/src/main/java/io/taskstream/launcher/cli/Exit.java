package io.taskstream.launcher.cli;

/** Exit codes every subcommand shares. */
public final class Exit {
    public static final int OK = 0;
    /** The run failed (a task blocked or held back for good); {@code demo}: it timed out; an unexpected error. */
    public static final int FAILED = 1;
    /** Bad usage (a typo, a bad option value), invalid task files, no task repo at the path, an unknown run. */
    public static final int INVALID = 2;
    /** {@code --wait} gave up: the run was not over within {@code --timeout}. */
    public static final int TIMED_OUT = 3;
    /** Kafka did not answer within {@code --connect-timeout}. */
    public static final int UNAVAILABLE = 4;

    /** The exit codes of {@code --wait} (see {@link RunOutcome#exitCode()}), for the commands' help. */
    static final String HELP_OK = "0:without --wait: done; with --wait: the run is over and every task it could work on "
            + "completed (or was withdrawn, or planned by a dry run)";
    static final String HELP_FAILED = "1:with --wait: a task ended blocked (a criterion failed or could not be "
            + "verified), or waits for good on one that will not complete; or an unexpected error";
    static final String HELP_INVALID = "2:bad usage; with --wait: nothing failed, but task files were invalid";
    static final String HELP_TIMED_OUT = "3:with --wait: the run was not over within --timeout";
    static final String HELP_UNAVAILABLE = "4:Kafka did not answer within --connect-timeout";
    static final String HEADING = "%nExit codes:%n";
    static final String EXAMPLES = "%nExamples:%n";

    private Exit() {
    }
}
