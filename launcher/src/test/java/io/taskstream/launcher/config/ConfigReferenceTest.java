package io.taskstream.launcher.config;

import io.taskstream.launcher.Taskstream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed docs/CONFIG.md is what the options of the commands that read `--config` generate. */
class ConfigReferenceTest {
    private static final String REGENERATE = "taskstream.regenerate";
    // Surefire runs in the module's directory.
    private static final Path COMMITTED = Path.of("..").resolve(ConfigReference.FILE);

    @Test
    void theCommittedReferenceMatchesTheOptions() throws Exception {
        String generated = ConfigReference.markdown();
        if (Boolean.getBoolean(REGENERATE)) {
            Files.writeString(COMMITTED, generated);
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";

        assertThat(committed).as(ConfigReference.FILE + " is out of date; regenerate it with:%n  mvn -B -q -ntp -pl "
                        + "launcher -am test -Dtest=ConfigReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -D"
                        + REGENERATE + "=true")
                .isEqualTo(generated);
    }

    @Test
    void everySubcommandWithConfigHasASection() {
        CommandLine taskstream = Taskstream.commandLine(Map.of());
        List<String> headings = ConfigReference.markdown().lines().filter(l -> l.startsWith("## ")).toList();

        List<String> withConfig = taskstream.getSubcommands().entrySet().stream()
                .filter(e -> e.getValue().getCommandSpec().findOption(ConfigDefaults.CONFIG) != null)
                .map(Map.Entry::getKey).distinct().toList();

        assertThat(withConfig).contains("run", "serve", "scan", "report", "replay", "doctor")
                .doesNotContain("validate", "plan")
                .allSatisfy(name -> assertThat(headings).as("a section of " + name)
                        .anyMatch(h -> h.contains("`" + name + "`")));
        assertThat(headings).noneMatch(h -> h.contains("`validate`") || h.contains("`plan`"));
    }

    @Test
    void anOptionAddedToACommandChangesItsSection() {
        CommandLine taskstream = Taskstream.commandLine(Map.of());
        taskstream.getSubcommands().get("report").getCommandSpec()
                .addOption(OptionSpec.builder("--page-size").defaultValue("50").description("rows per page").build());

        String changed = ConfigReference.markdown(taskstream);

        assertThat(changed).isNotEqualTo(ConfigReference.markdown());
        String report = section(changed, "## `report`");
        assertThat(report).contains("| `--page-size` | `TASKSTREAM_PAGE_SIZE` | `page-size` | `50` | rows per page |");
        assertThat(section(changed, "## `run` and `serve`")).doesNotContain("--page-size");
    }

    @Test
    void runAndServeShareOneTableWithRunOnlyRowsMarked() {
        String shared = section(ConfigReference.markdown(), "## `run` and `serve`");

        assertThat(shared).contains("| `--task-repo` | `TASKSTREAM_TASK_REPO` | `task-repo` |",
                "| `--concurrency` | `TASKSTREAM_CONCURRENCY` | `concurrency` | `16` |",
                "| `--services` | `TASKSTREAM_SERVICES` | `services` |  | `run` only: ");
        assertThat(shared.lines().filter(l -> l.startsWith("| `--task-repo` |"))).hasSize(1)
                .allSatisfy(l -> assertThat(l).doesNotContain("only:"));
    }

    @Test
    void everyOptionIsListedWithItsVariableAndKey() {
        String md = ConfigReference.markdown();

        assertThat(md).contains("| `--bootstrap-servers` | `TASKSTREAM_BOOTSTRAP_SERVERS` | `bootstrap-servers` |",
                "| `--kube-context` | `TASKSTREAM_KUBE_CONTEXT` | `kube-context` |",
                "| `--concurrency` | `TASKSTREAM_CONCURRENCY` | `concurrency` | `16` |",
                "| `--connect-timeout` |", "| `--services` |")
                .doesNotContain("${DEFAULT-VALUE}", "| `--help` |", "| `--config` |");
        assertThat(section(md, "## `scan`")).contains("| `--full` | `TASKSTREAM_FULL` | `full` | `false` |",
                "| `--connect-timeout` | `TASKSTREAM_CONNECT_TIMEOUT` | `connect-timeout` | `10s` |");
        assertThat(section(md, "## `replay`")).contains("| `--since` | `TASKSTREAM_SINCE` | `since` |");
        assertThat(section(md, "## `doctor`"))
                .contains("| `--registry` | `TASKSTREAM_REGISTRY` | `registry` | `http://127.0.0.1:5000` |");
    }

    @Test
    void credentialsAreTheKeysSecretValuesRedacts() {
        assertThat(ConfigReference.markdown().replace("\n", " ")).contains("a key naming a secret, token, password, "
                + "credential, JAAS config or a private key (`*.key`)");
    }

    /** From {@code heading} to the next section's heading. */
    private static String section(String md, String heading) {
        int start = md.indexOf("\n" + heading + "\n");
        assertThat(start).as(heading).isNotNegative();
        int end = md.indexOf("\n## ", start + 1);
        return md.substring(start, end < 0 ? md.length() : end);
    }
}
