package io.taskstream.task.edit;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskstream.task.Criterion;
import io.taskstream.task.Fixtures;
import io.taskstream.task.LogEntry;
import io.taskstream.task.Step;
import io.taskstream.task.TaskFile;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Applies every edit kind to each fixture and compares with an expectation built here from
 * the original lines, independently of the editor's own line handling.
 */
class RoundTripTest {
    private static final String DATE = "2025-10-19";
    private static final String LOG = "2025-10-19 10:00: round trip ✓ café";

    /**
     * @param criterion       criterion to check
     * @param criterionLine   its line
     * @param updatedLine     line of {@code updated:}, 0 if it must be inserted before the closing fence
     * @param updatedExpected the expected {@code updated:} line
     * @param statusLine      line of {@code status:}
     * @param statusExpected  the expected {@code status:} line
     * @param logAfterLine    line after which the log bullet goes, 0 if a new section is appended
     */
    record Fixture(String name, int criterion, int criterionLine, int updatedLine, String updatedExpected,
                   int statusLine, String statusExpected, int logAfterLine) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Fixture> fixtures() {
        return List.of(
                new Fixture(Fixtures.REGISTRY, 3, 24,
                        9, "updated: 2025-10-19           # rewritten by the pipeline",
                        5, "status: blocked   ", 53),
                new Fixture(Fixtures.IMAGE_BUILD, 2, 24,
                        9, "updated: 2025-10-19",
                        5, "status: blocked               # active | backlog | blocked | completed", 54),
                new Fixture(Fixtures.FLUX, 1, 16, 0, "updated: 2025-10-19", 5, "status: blocked", 0),
                new Fixture(Fixtures.HEALTH, 2, 18, 8, "updated: 2025-10-19", 5, "status: blocked", 29));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyEditChangesExactlyTheExpectedLines(Fixture fx) {
        String original = Fixtures.text(fx.name());
        TaskFile file = Fixtures.parse(fx.name());

        String rendered = TaskEditor.of(file).check(fx.criterion()).setUpdated(DATE).setStatus("blocked")
                .appendLog(LOG).render();

        assertThat(rendered).isEqualTo(expected(original, fx));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void renderedTextParsesToTheSameCriteriaWithOneMoreBoxChecked(Fixture fx) {
        TaskFile before = Fixtures.parse(fx.name());
        String rendered = TaskEditor.of(before).check(fx.criterion()).setUpdated(DATE).setStatus("blocked")
                .appendLog(LOG).render();

        TaskFile after = Fixtures.parseText(before.path(), rendered);

        int shift = fx.updatedLine() == 0 ? 1 : 0; // an inserted updated: line moves the body down
        List<Criterion> expected = before.criteria().stream()
                .map(c -> new Criterion(c.number(), c.text(), c.line() + shift,
                        c.checked() || c.number() == fx.criterion(),
                        c.steps().stream().map(s -> new Step(s.key(), s.value(), s.line() + shift)).toList()))
                .toList();
        assertThat(after.criteria()).isEqualTo(expected);
        assertThat(after.frontMatter().updated()).isEqualTo(DATE);
        assertThat(after.frontMatter().status()).isEqualTo("blocked");
        assertThat(after.progressLog()).hasSize(before.progressLog().size() + 1);
        assertThat(after.progressLog().subList(0, before.progressLog().size()))
                .isEqualTo(before.progressLog().stream().map(e -> new LogEntry(e.text(), e.line() + shift)).toList());
        assertThat(after.progressLog()).last().extracting(LogEntry::text).isEqualTo(LOG);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void renderingWithoutEditsReturnsTheSourceUnchanged(Fixture fx) {
        TaskFile file = Fixtures.parse(fx.name());

        assertThat(TaskEditor.of(file).render()).isEqualTo(Fixtures.text(fx.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void checkingAnAlreadyCheckedCriterionChangesNothing(Fixture fx) {
        TaskFile file = Fixtures.parse(fx.name());
        String once = TaskEditor.of(file).check(fx.criterion()).render();
        TaskFile checked = Fixtures.parseText(file.path(), once);

        assertThat(TaskEditor.of(checked).check(fx.criterion()).render()).isEqualTo(once);
    }

    /** Builds the expected text from the original lines, each kept with its own terminator. */
    private static String expected(String original, Fixture fx) {
        String eol = original.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(List.of(original.split("(?<=\n)")));
        int closingFence = IntStream.range(1, lines.size())
                .filter(i -> lines.get(i).strip().equals("---")).findFirst().orElseThrow() + 1;

        replaceContent(lines, fx.criterionLine(), c -> c.replaceFirst("\\[ \\]", "[x]"));
        replaceContent(lines, fx.statusLine(), c -> fx.statusExpected());
        if (fx.updatedLine() > 0) {
            replaceContent(lines, fx.updatedLine(), c -> fx.updatedExpected());
        }
        String bullet = "- " + LOG;
        if (fx.logAfterLine() > 0) {
            int index = fx.logAfterLine() - 1;
            if (lines.get(index).endsWith("\n")) {
                lines.add(index + 1, bullet + eol);
            } else {
                lines.set(index, lines.get(index) + eol);
                lines.add(index + 1, bullet);
            }
        } else {
            lines.add(eol + "## Progress Log" + eol + bullet + eol);
        }
        if (fx.updatedLine() == 0) {
            lines.add(closingFence - 1, fx.updatedExpected() + eol);
        }
        return String.join("", lines);
    }

    private static void replaceContent(List<String> lines, int line,
                                       java.util.function.UnaryOperator<String> change) {
        String l = lines.get(line - 1);
        String terminator = l.endsWith("\r\n") ? "\r\n" : l.endsWith("\n") ? "\n" : "";
        String content = l.substring(0, l.length() - terminator.length());
        lines.set(line - 1, change.apply(content) + terminator);
    }
}
