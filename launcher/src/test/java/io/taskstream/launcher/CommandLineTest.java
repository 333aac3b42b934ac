package io.taskstream.launcher;

import io.taskstream.launcher.pipeline.Service;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line as {@code main} builds it. */
class CommandLineTest {

    @Test
    void servicesAreNamedAsTheReadmeWritesThem() {
        CommandLine.ParseResult parsed = Taskstream.commandLine().parseArgs("run", "--task-repo", "repo",
                "--workspace", "ws", "--services", "executor,Verifier,REPORTER");

        List<Service> services = parsed.subcommand().matchedOptionValue("--services", List.of());
        assertThat(services).containsExactly(Service.EXECUTOR, Service.VERIFIER, Service.REPORTER);
    }

    @Test
    void anUnknownServiceIsStillRefused() {
        assertThatThrownBy(() -> Taskstream.commandLine().parseArgs("run", "--services", "executer"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("executer");
    }
}
