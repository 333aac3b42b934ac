package io.taskstream.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskstream.launcher.Taskstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Help with examples and exit codes everywhere, version, completion, and JSON output. */
class CliHelpTest {

    @Test
    void everySubcommandsHelpHasExamplesAndExitCodes() {
        Map<String, CommandLine> subcommands = Taskstream.commandLine().getSubcommands();
        assertThat(subcommands).containsKeys("doctor", "version", "completion");
        subcommands.forEach((name, cl) -> {
            String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertThat(help).as(name).contains("Examples:", "  taskstream " + name, "Exit codes:");
        });
    }

    @Test
    void everyDescriptionLineEndsASentence() {
        Taskstream.commandLine().getSubcommands().forEach((name, cl) -> {
            for (String line : cl.getCommandSpec().usageMessage().description()) {
                assertThat(line.strip()).as(name + ": " + line).matches("(?s).*[.:)]$|^git .*");
            }
        });
    }

    @Test
    void versionPrintsTheBuildsVersion() {
        Cli.Result r = Cli.run("version");

        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).matches("taskstream \\d+\\.\\d+\\.\\d+.*");
        assertThat(Cli.run("--version").out()).isEqualTo(r.out());
    }

    @Test
    void completionPrintsABashScript() {
        Cli.Result r = Cli.run("completion");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("#!/usr/bin/env bash", "complete -F", "doctor", "validate");
    }

    @Test
    void validateAndPlanPrintJson(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("tasks/active/TASK-1.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                ---
                id: TASK-1
                title: Say hello
                priority: high
                ---

                # TASK-1: Say hello

                ## Acceptance Criteria
                - [ ] Hello
                  - run: `echo hello`
                  - verify: `true`
                """);

        Cli.Result validate = Cli.run("validate", tmp.toString(), "-o", "json");
        Cli.Result plan = Cli.run("plan", tmp.toString(), "--output", "json");

        assertThat(validate.exit()).as(validate.err()).isZero();
        JsonNode v = new ObjectMapper().readTree(validate.out());
        assertThat(v.get("valid").asBoolean()).isTrue();
        assertThat(v.get("ready").get(0).get("id").asText()).isEqualTo("TASK-1");
        assertThat(plan.exit()).as(plan.err()).isZero();
        JsonNode p = new ObjectMapper().readTree(plan.out());
        assertThat(p.get("tasks").get(0).get("criteria").get(0).get("number").asInt()).isEqualTo(1);
    }
}
