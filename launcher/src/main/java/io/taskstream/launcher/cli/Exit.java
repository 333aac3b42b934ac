package io.taskstream.launcher.cli;

/** Exit codes every subcommand shares. */
final class Exit {
    static final int OK = 0;
    /** The run failed (a task blocked or held back for good); {@code demo}: it timed out. */
    static final int FAILED = 1;
    /** Bad usage, invalid task files, an unknown run. */
    static final int INVALID = 2;
    /** {@code --wait} gave up: the run was not over within {@code --timeout}. */
    static final int TIMED_OUT = 3;

    /** The exit codes of {@code --wait} (see {@link RunOutcome#exitCode()}), for the commands' help. */
    static final String HELP_OK = "0:without --wait: done; with --wait: the run is over and every task it could work on "
            + "completed (or was withdrawn, or planned by a dry run)";
    static final String HELP_FAILED = "1:with --wait: a task ended blocked (a criterion failed or could not be "
            + "verified), or waits for good on one that will not complete";
    static final String HELP_INVALID = "2:bad usage; with --wait: nothing failed, but task files were invalid";
    static final String HELP_TIMED_OUT = "3:with --wait: the run was not over within --timeout";

    private Exit() {
    }
}
