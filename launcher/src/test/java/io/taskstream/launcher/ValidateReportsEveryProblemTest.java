package io.taskstream.launcher;

import io.taskstream.launcher.cli.ValidateCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** validate shows every problem of a file in one pass, the unknown dependency included, and warnings apart. */
class ValidateReportsEveryProblemTest {
    private static final String SIX_PROBLEMS = """
            ---
            id: TASK-9
            title: Six problems
            priority: urgent
            status: weird
            labels: [infrastructure, 3]
            depends_on: [TASK-404]
            ---

            # TASK-9: Six problems

            ## Acceptance Criteria
            - [ ] Written outside the workspace
              - run: `touch x`
              - in: /etc
            - [ ] Needs a later one
              - needs: 3
              - run: `true`
            - [ ] Fine
              - run: `true`
            """;
    private static final String NO_PRIORITY = """
            ---
            id: TASK-10
            title: Priority left out
            ---

            ## Acceptance Criteria
            - [ ] Done
              - run: `true`
              - verify: `true`
            """;

    @Test
    void sixProblemsShowAsSixLinesInOneValidateAndAWarningDoesNotFail(@TempDir Path tmp) throws Exception {
        write(tmp, "tasks/active/TASK-9.md", SIX_PROBLEMS);
        write(tmp, "tasks/backlog/TASK-10.md", NO_PRIORITY);

        String[] result = validate(tmp);

        List<String> problems = Arrays.stream(result[1].split("\n")).filter(l -> l.startsWith("tasks/active/TASK-9.md:"))
                .toList();
        assertThat(problems).containsExactly(
                "tasks/active/TASK-9.md:4: unknown priority 'urgent' (expected critical, high, medium or low)",
                "tasks/active/TASK-9.md:5: unknown status 'weird' (expected active, backlog, blocked or completed)",
                "tasks/active/TASK-9.md:6: 'labels' must be a list of strings, but item 2 is '3', which is not a string (quote it)",
                "tasks/active/TASK-9.md:7: depends on TASK-404, which is not a task in this repo",
                "tasks/active/TASK-9.md:15: criterion 1: in '/etc' is absolute; it must be relative to the workspace",
                "tasks/active/TASK-9.md:17: criterion 2 needs criterion 3, which comes later; needs may only point to earlier criteria");
        assertThat(result[1]).contains("tasks/backlog/TASK-10.md:1: warning: front matter has no priority; medium is assumed");
        assertThat(result[0]).isEqualTo("2");
    }

    @Test
    void aWarningAloneLeavesTheRepoValid(@TempDir Path tmp) throws Exception {
        write(tmp, "tasks/backlog/TASK-10.md", NO_PRIORITY);

        String[] result = validate(tmp);

        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1]).contains("tasks/backlog/TASK-10.md:1: warning: front matter has no priority");
        assertThat(result[2]).contains("TASK-10");
    }

    private static void write(Path root, String path, String text) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Exit code, standard error, standard output. */
    private static String[] validate(Path dir) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new ValidateCommand()).execute(dir.toString(), "--kube-context", "");
            return new String[]{String.valueOf(exit), e.toString(StandardCharsets.UTF_8), o.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
