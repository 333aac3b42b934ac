package io.taskstream.launcher;

import io.taskstream.launcher.cli.DemoCommand;
import io.taskstream.launcher.cli.EvidenceCommand;
import io.taskstream.launcher.cli.PlanCommand;
import io.taskstream.launcher.cli.ReplayCommand;
import io.taskstream.launcher.cli.ReportCommand;
import io.taskstream.launcher.cli.RunCommand;
import io.taskstream.launcher.cli.ScanCommand;
import io.taskstream.launcher.cli.ValidateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code taskstream} command. */
@Command(name = "taskstream", mixinStandardHelpOptions = true, version = "taskstream 0.1.0",
        description = "Executes and verifies the Markdown task files of a git repo through Apache Kafka.",
        subcommands = {DemoCommand.class, RunCommand.class, ScanCommand.class, ValidateCommand.class,
                PlanCommand.class, ReportCommand.class, ReplayCommand.class, EvidenceCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the run failed or timed out", "2:bad usage or invalid task files"})
public final class Taskstream {
    private Taskstream() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@link #main} runs it: enum values such as {@code --services executor} in any case. */
    public static CommandLine commandLine() {
        return new CommandLine(new Taskstream()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
