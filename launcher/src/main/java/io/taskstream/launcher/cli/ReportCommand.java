package io.taskstream.launcher.cli;

import picocli.CommandLine.Command;

/** Placeholder replaced once the reporter's replay lands. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Writes session reports by replaying the event log.")
public final class ReportCommand implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
        return Exit.FAILED;
    }
}
