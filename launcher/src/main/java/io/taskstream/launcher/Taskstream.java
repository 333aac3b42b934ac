package io.taskstream.launcher;

import io.taskstream.launcher.cli.CompletionCommand;
import io.taskstream.launcher.cli.DemoCommand;
import io.taskstream.launcher.cli.DoctorCommand;
import io.taskstream.launcher.cli.EvidenceCommand;
import io.taskstream.launcher.cli.Exit;
import io.taskstream.launcher.cli.PlanCommand;
import io.taskstream.launcher.cli.ReplayCommand;
import io.taskstream.launcher.cli.ReportCommand;
import io.taskstream.launcher.cli.RunCommand;
import io.taskstream.launcher.cli.ScanCommand;
import io.taskstream.launcher.cli.ValidateCommand;
import io.taskstream.launcher.cli.VersionCommand;
import io.taskstream.launcher.cli.errors.ErrorHandlers;
import io.taskstream.launcher.logging.LogOptions;
import io.taskstream.launcher.logging.LogSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code taskstream} command. */
@Command(name = "taskstream", mixinStandardHelpOptions = true, versionProvider = VersionCommand.class,
        description = "Executes and verifies the Markdown task files of a git repo through Apache Kafka.",
        subcommands = {DemoCommand.class, RunCommand.class, io.taskstream.launcher.cli.ServeCommand.class,
                io.taskstream.launcher.cli.BrokerCommand.class, ScanCommand.class, ValidateCommand.class,
                PlanCommand.class, ReportCommand.class, ReplayCommand.class, EvidenceCommand.class,
                DoctorCommand.class, VersionCommand.class, CompletionCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the run failed or timed out, or an unexpected error",
                "2:bad usage, no task repo at the path, or invalid task files",
                "3:--wait gave up after --timeout", "4:Kafka did not answer within --connect-timeout"},
        footerHeading = "%nExamples:%n",
        footer = {"  taskstream demo",
                "  taskstream doctor --bootstrap-servers 127.0.0.1:9092 --task-repo URL",
                "  taskstream validate ./task-repo",
                "  taskstream run --task-repo URL --workspace ./ws",
                "  taskstream broker --listen 127.0.0.1:9092 --data-dir ./kafka",
                "  taskstream serve executor --bootstrap-servers 127.0.0.1:9092 --task-repo URL --workspace ./ws",
                "  taskstream scan --bootstrap-servers 127.0.0.1:9092 --wait --timeout 10m",
                "  taskstream <command> --help"})
public final class Taskstream {
    @Option(names = ErrorHandlers.VERBOSE, scope = ScopeType.INHERIT,
            description = "on an error, print the stack trace too")
    boolean verbose;

    @Option(names = LogOptions.FORMAT, scope = ScopeType.INHERIT, paramLabel = "text|json",
            description = "log lines as text or as one JSON object each (also TASKSTREAM_LOG_FORMAT); default: text")
    LogSetup.Format logFormat;

    @Option(names = LogOptions.LEVEL, scope = ScopeType.INHERIT, paramLabel = "LEVEL",
            description = "level of Taskstream's own log lines: trace, debug, info, warn, error (also "
                    + "TASKSTREAM_LOG_LEVEL); libraries log warnings only; default: info")
    LogSetup.Level logLevel;

    private Taskstream() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line as {@link #main} runs it: enum values such as {@code --services executor} in any case, and
     * errors answered in a line or two with a documented exit code (stack traces with {@code --verbose}).
     */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /**
     * The command line reading option values not given as flags from {@code environment} ({@code TASKSTREAM_*})
     * and the {@code --config} file.
     */
    public static CommandLine commandLine(java.util.Map<String, String> environment) {
        CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
        CommandLine cl = new CommandLine(new Taskstream()).setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true).setExecutionStrategy(parsed -> {
                    // Before the command logs its first line.
                    LogOptions.apply(parsed, environment);
                    return runLast.execute(parsed);
                });
        return new io.taskstream.launcher.config.ConfigDefaults(environment)
                .install(new ErrorHandlers(Exit.INVALID).install(cl));
    }
}
