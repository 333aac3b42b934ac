package io.taskstream.actions.build;

import io.taskstream.runtime.process.Redactor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTest {
    @Test
    void keepsTheLastWholeLinesUpToTheCap() {
        LogTail tail = new LogTail();
        for (int i = 0; i < 2000; i++) {
            tail.line("line " + i + "\n");
        }
        String shown = tail.render(Redactor.none());
        assertThat(shown.length()).isLessThanOrEqualTo(LogTail.SHOWN);
        assertThat(shown).startsWith("line ").endsWith("line 1999\n").doesNotContain("line 0\n");
    }

    @Test
    void redactsBeforeCutting() {
        LogTail tail = new LogTail();
        tail.line("Step 2/3 : LABEL token=abcdef123456");
        tail.line("uses hunter2-secret");
        assertThat(tail.render(new Redactor(List.of("hunter2-secret"))))
                .isEqualTo("Step 2/3 : LABEL token=[REDACTED]\nuses [REDACTED]\n");
    }
}
