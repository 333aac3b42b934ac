package io.taskstream.task.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskstream.task.Fixtures;
import io.taskstream.task.TaskFile;
import org.junit.jupiter.api.Test;

class TaskEditorTest {
    private static final String DOC = """
            ---
            id: T-1
            status: active
            ---
            # T-1: demo

            ## Acceptance Criteria
            - [ ] first
            -\t[ ] second\t\s\s
              - run: `true`
            - [x] third
            """;

    private static TaskEditor editor(String text) {
        return TaskEditor.of(Fixtures.parseText("tasks/active/T-1.md", text));
    }

    @Test
    void checkingACriterionChangesOnlyItsBox() {
        String rendered = editor(DOC).check(2).render();

        int box = DOC.indexOf("[ ] second") + 1;
        assertThat(rendered).hasSameSizeAs(DOC);
        assertThat(rendered.charAt(box)).isEqualTo('x');
        assertThat(rendered.substring(0, box) + ' ' + rendered.substring(box + 1)).isEqualTo(DOC);
        assertThat(rendered).contains("-\t[x] second\t  \n");
    }

    @Test
    void checkingACheckedCriterionIsANoOp() {
        assertThat(editor(DOC).check(3).render()).isEqualTo(DOC);
    }

    @Test
    void checkingTheSameCriterionTwiceChecksItOnce() {
        assertThat(editor(DOC).check(1).check(1).render()).isEqualTo(DOC.replace("- [ ] first", "- [x] first"));
    }

    @Test
    void checkingAMissingCriterionIsRefused() {
        assertThatThrownBy(() -> editor(DOC).check(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no criterion 4 (it has 3)");
        assertThatThrownBy(() -> editor(DOC).check(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingUpdatedIsInsertedAsTheLastFrontMatterLine() {
        String rendered = editor(DOC).setUpdated("2025-10-19").render();

        assertThat(rendered).isEqualTo(DOC.replace("status: active\n", "status: active\nupdated: 2025-10-19\n"));
    }

    @Test
    void nestedKeysAreNotMistakenForTheTopLevelKey() {
        String text = "---\nid: T-1\nmeta:\n  updated: old\n---\n";

        assertThat(editor(text).setUpdated("2025-10-19").render())
                .isEqualTo("---\nid: T-1\nmeta:\n  updated: old\nupdated: 2025-10-19\n---\n");
    }

    @Test
    void rewritingAValueKeepsQuotesAndTheCommentColumn() {
        String text = "---\nid: T-1\nstatus: \"active\"  # state\nupdated: 2025-10-17 # x\n---\n";

        String rendered = editor(text).setStatus("completed").setUpdated("2025-10-19T10:00:00Z").render();

        assertThat(rendered).isEqualTo(
                "---\nid: T-1\nstatus: \"completed\" # state\nupdated: 2025-10-19T10:00:00Z # x\n---\n");
    }

    @Test
    void quotedKeysAreRewrittenNotDuplicated() {
        assertThat(editor("---\nid: T-1\n\"status\": backlog\n---\n").setStatus("active").render())
                .isEqualTo("---\nid: T-1\n\"status\": active\n---\n");
    }

    @Test
    void rewritingAnEmptyValueFillsIt() {
        assertThat(editor("---\nid: T-1\nupdated:\n---\n").setUpdated("2025-10-19").render())
                .isEqualTo("---\nid: T-1\nupdated: 2025-10-19\n---\n");
    }

    @Test
    void aBlockScalarValueIsNotRewritten() {
        TaskEditor e = editor("---\nid: T-1\nstatus: |\n  active\n---\n").setStatus("blocked");

        assertThatThrownBy(e::render).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void logLinesFollowTheLastBulletInOrderWithItsMarker() {
        String text = "---\nid: T-1\n---\n## Progress Log\n* one\n\n* two\n  more\n\nClosing remark.\n";

        String rendered = editor(text).appendLog("three").appendLog("four").render();

        assertThat(rendered).isEqualTo(
                "---\nid: T-1\n---\n## Progress Log\n* one\n\n* two\n  more\n* three\n* four\n\nClosing remark.\n");
    }

    @Test
    void logSectionWithoutBulletsGetsOneAfterItsLastContent() {
        String text = "---\nid: T-1\n---\n## Progress Log\nNothing yet.\n\n## Next\n";

        assertThat(editor(text).appendLog("started").render())
                .isEqualTo("---\nid: T-1\n---\n## Progress Log\nNothing yet.\n- started\n\n## Next\n");
    }

    @Test
    void missingLogSectionIsAppendedAfterOneBlankLine() {
        assertThat(editor("---\nid: T-1\n---\ntext\n").appendLog("a").render())
                .isEqualTo("---\nid: T-1\n---\ntext\n\n## Progress Log\n- a\n");
        assertThat(editor("---\nid: T-1\n---\ntext\n\n").appendLog("a").render())
                .isEqualTo("---\nid: T-1\n---\ntext\n\n## Progress Log\n- a\n");
    }

    @Test
    void missingLogSectionInAFileWithoutFinalNewlineEndsWithOne() {
        assertThat(editor("---\r\nid: T-1\r\n---\r\ntext").appendLog("a").render())
                .isEqualTo("---\r\nid: T-1\r\n---\r\ntext\r\n\r\n## Progress Log\r\n- a\r\n");
    }

    @Test
    void logAtTheEndOfAFileWithoutFinalNewlineStaysWithout() {
        String text = "---\nid: T-1\n---\n## Progress Log\n- one";

        assertThat(editor(text).appendLog("two").render()).isEqualTo(text + "\n- two");
    }

    @Test
    void badEditValuesAreRefused() {
        TaskEditor e = editor(DOC);

        assertThatThrownBy(() -> e.appendLog("two\nlines")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.appendLog("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.setUpdated("yesterday")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.setStatus("on hold")).isInstanceOf(IllegalArgumentException.class);
        assertThat(e.render()).isEqualTo(DOC);
    }

    @Test
    void theParsedFileIsNotChangedByEditing() {
        TaskFile file = Fixtures.parseText("t.md", DOC);

        TaskEditor.of(file).check(1).setStatus("blocked").appendLog("x").render();

        assertThat(file.source()).isEqualTo(DOC);
        assertThat(file.criteria().get(0).checked()).isFalse();
    }
}
