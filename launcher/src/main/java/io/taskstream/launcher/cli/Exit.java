package io.taskstream.launcher.cli;

/** Exit codes every subcommand shares. */
final class Exit {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int INVALID = 2;

    private Exit() {
    }
}
