package io.taskstream.launcher.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed docs/CONFIG.md is what the options of `run` generate. */
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
    void everyOptionIsListedWithItsVariableAndKey() {
        String md = ConfigReference.markdown();

        assertThat(md).contains("| `--bootstrap-servers` | `TASKSTREAM_BOOTSTRAP_SERVERS` | `bootstrap-servers` |",
                "| `--kube-context` | `TASKSTREAM_KUBE_CONTEXT` | `kube-context` |",
                "| `--concurrency` | `TASKSTREAM_CONCURRENCY` | `concurrency` | `16` |",
                "| `--connect-timeout` |", "| `--services` |")
                .doesNotContain("${DEFAULT-VALUE}", "| `--help` |", "| `--config` |");
    }
}
