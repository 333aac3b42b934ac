package io.taskstream.launcher.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Executors in different processes of one group must have different names, containers included. */
class ProcessNameTest {
    @Test
    void aProcessIsNamedByItsHostAndPid() {
        assertThat(Pipeline.processName("build-7", 4242)).isEqualTo("build-7-4242");
    }

    @Test
    void containersThatAreAllPidOneOnOneHostGetDifferentNames() {
        String first = Pipeline.processName("vm", 1);
        String second = Pipeline.processName("vm", 1);

        assertThat(first).startsWith("vm-").isNotEqualTo(second);
    }
}
