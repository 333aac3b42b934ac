package io.taskstream.runtime.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ProcStatTest {
    private static Optional<ProcStat> parse(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
        return ProcStat.parse(bytes, bytes.length);
    }

    private static String line(String pid, String comm, String state, String ppid, String pgrp, String start) {
        return pid + " (" + comm + ") " + state + " " + ppid + " " + pgrp
                + " 4242 0 -1 4194560 110 0 0 0 0 0 0 0 20 0 1 0 " + start + " 8 9 18446744073709551615 1\n";
    }

    @Test
    void readsStatePpidPgrpAndStartTime() {
        assertThat(parse(line("4321", "bash", "S", "17", "4300", "987654"))).contains(new ProcStat(4321, 'S', 17, 4300, 987654));
    }

    @Test
    void countsFieldsFromTheLastParenthesisBecauseCommMayHoldSpacesAndParentheses() {
        assertThat(parse(line("7", "a) Z 1 2 (b", "Z", "3", "7", "55"))).contains(new ProcStat(7, 'Z', 3, 7, 55));
        assertThat(parse(line("8", "x y", "R", "1", "1", "2"))).contains(new ProcStat(8, 'R', 1, 1, 2));
    }

    @Test
    void refusesWhatIsNotAStatLine() {
        assertThat(parse("")).isEmpty();
        assertThat(parse("12 (cut) S 1 2")).isEmpty();
        assertThat(parse(line("x1", "bash", "S", "1", "1", "1"))).isEmpty();
        assertThat(parse("12 no-parentheses S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21")).isEmpty();
    }

    @Test
    void scanFindsThisProcessesChildInTheLiveTable() throws Exception {
        Process child = new ProcessBuilder("cat").start();
        try {
            List<ProcStat> table = ProcStat.scan(Path.of("/proc")).orElseThrow();
            assertThat(table).anySatisfy(p -> {
                assertThat(p.pid()).isEqualTo(child.pid());
                assertThat(p.ppid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(p.alive()).isTrue();
            });
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void aTableThatIsMissingOrDoesNotShowThisProcessIsNoTable(@TempDir Path empty) {
        assertThat(ProcStat.scan(empty.resolve("absent"))).isEmpty();
        assertThat(ProcStat.scan(empty)).isEmpty();
    }
}
