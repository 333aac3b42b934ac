package io.taskstream.launcher.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** Prints a bash/zsh completion script for the whole command line. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Prints a completion script for bash (and zsh with bashcompinit) to standard output.",
                "Load it in the current shell, or save it where your shell reads completions."},
        exitCodeListHeading = Exit.HEADING, exitCodeList = "0:always",
        footerHeading = Exit.EXAMPLES,
        footer = {"  source <(taskstream completion)",
                "  taskstream completion > /etc/bash_completion.d/taskstream"})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var root = spec.root().commandLine();
        spec.commandLine().getOut().print(AutoComplete.bash(root.getCommandName(), root));
        spec.commandLine().getOut().flush();
        return Exit.OK;
    }
}
