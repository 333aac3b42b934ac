package io.taskstream.task.parse;

import io.taskstream.task.FileProblem;
import io.taskstream.task.TaskFile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every problem of a file at once; unknown values refused, defaults that may be unmeant warned about. */
class AllProblemsTest {
    private static final String PATH = "tasks/active/bad.md";
    private final TaskFileParser parser = new TaskFileParser();

    @Test
    void sixProblemsOfOneFileAreReportedTogetherWithTheirLines() {
        String text = """
                ---
                id: 7-bad
                priority: urgent
                status: weird
                labels: [infrastructure, 3]
                depends_on: [TASK-404]
                ---

                # Six problems

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

        TaskFileException e = catchThrowableOfType(() -> parser.parse(PATH, text), TaskFileException.class);

        assertThat(e.problems()).extracting(FileProblem::line).containsExactly(2, 3, 4, 5, 14, 16);
        assertThat(e.problems()).extracting(FileProblem::problem).satisfiesExactly(
                p -> assertThat(p).contains("id '7-bad' is not valid"),
                p -> assertThat(p).contains("unknown priority 'urgent'"),
                p -> assertThat(p).contains("unknown status 'weird'", "active, backlog, blocked or completed"),
                p -> assertThat(p).contains("'labels' must be a list of strings, but item 2"),
                p -> assertThat(p).contains("criterion 1"),
                p -> assertThat(p).contains("criterion 2 needs criterion 3, which comes later"));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).startsWith(PATH + ":2: id '7-bad'");
        assertThat(e.frontMatter()).hasValueSatisfying(fm -> assertThat(fm.dependsOn()).containsExactly("TASK-404"));
    }

    @Test
    void anUnknownStatusIsRefusedAndTheDocumentedOnesInAnyCaseAreNot() throws Exception {
        assertThatThrownBy(() -> parser.parse(PATH, file("status: weird"))).isInstanceOf(TaskFileException.class)
                .hasMessage(PATH + ":4: unknown status 'weird' (expected active, backlog, blocked or completed)");
        for (String status : new String[]{"active", "backlog", "Blocked", "completed"}) {
            assertThat(parser.parse(PATH, file("status: " + status)).frontMatter().status()).isEqualTo(status);
        }
    }

    @Test
    void aFileWithoutPriorityOrTitleIsUsableAndWarnedAbout() throws Exception {
        TaskFile noPriority = parser.parse(PATH, "---\nid: TASK-1\ntitle: Something\n---\n");
        assertThat(noPriority.frontMatter().priority().name()).isEqualTo("MEDIUM");
        assertThat(noPriority.warnings()).containsExactly(
                new FileProblem(1, "front matter has no priority; medium is assumed"));

        TaskFile noTitle = parser.parse(PATH, "---\nid: TASK-1\npriority: high\n---\n\nJust text.\n");
        assertThat(noTitle.warnings()).containsExactly(
                new FileProblem(1, "no title: neither a 'title' in the front matter nor a '# ' heading"));

        TaskFile headingOnly = parser.parse(PATH, "---\nid: TASK-1\npriority: high\n---\n\n# The title\n");
        assertThat(headingOnly.title()).isEqualTo("The title");
        assertThat(headingOnly.warnings()).isEmpty();
    }

    @Test
    void aFileOverTheSizeLimitIsReportedAtLineOne() {
        TaskFileException e = catchThrowableOfType(() -> parser.parse(PATH, new byte[TaskFileParser.MAX_BYTES + 1]),
                TaskFileException.class);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).startsWith(PATH + ":1: file is ");
    }

    private static String file(String extra) {
        return "---\nid: TASK-1\npriority: high\n" + extra + "\n---\n\n# T\n";
    }
}
