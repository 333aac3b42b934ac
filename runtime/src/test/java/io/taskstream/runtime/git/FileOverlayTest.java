package io.taskstream.runtime.git;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static io.taskstream.runtime.git.InMemoryTrees.File.regular;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileOverlayTest {
    private final InMemoryTrees trees = new InMemoryTrees();
    private ObjectReader reader;
    private FileOverlay files;

    @BeforeEach
    void setUp() throws Exception {
        reader = trees.repository.newObjectReader();
        files = new FileOverlay(new BaseTrees(reader), trees.tree(Map.of(
                "tasks/active/TASK-1.md", regular("one\n"),
                "tasks/active/LINKED.md", new InMemoryTrees.File(FileMode.SYMLINK, "../backlog/REAL.md"),
                "tasks/backlog/REAL.md", regular("real\n"),
                "tasks/active/OUTSIDE.md", new InMemoryTrees.File(FileMode.SYMLINK, "../../../etc/passwd"))));
    }

    @AfterEach
    void tearDown() {
        reader.close();
        trees.close();
    }

    private Optional<String> text(String path) throws Exception {
        return files.read(path).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    @Test
    void editsSeeWhatEarlierEditsKeptAndNothingOfWhatWasDiscarded() throws Exception {
        files.begin();
        files.write("tasks/active/TASK-1.md", "one, edited\n".getBytes(StandardCharsets.UTF_8));
        files.keep();
        files.begin();
        files.delete("tasks/active/TASK-1.md");
        files.write("tasks/active/NEW.md", "new\n".getBytes(StandardCharsets.UTF_8));
        assertThat(files.isFile("tasks/active/TASK-1.md")).isFalse();
        files.discard();

        assertThat(text("tasks/active/TASK-1.md")).contains("one, edited\n");
        assertThat(files.isFile("tasks/active/NEW.md")).isFalse();
        assertThat(files.changes()).containsOnlyKeys("tasks/active/TASK-1.md");
    }

    @Test
    void pathsAreNormalisedAndDirectoriesAreNoFiles() throws Exception {
        assertThat(text("tasks/./active//TASK-1.md")).contains("one\n");
        assertThat(files.isFile("tasks/active")).isFalse();
        assertThat(files.isFile("tasks/active/MISSING.md")).isFalse();
        assertThat(FileOverlay.normalize("tasks/../../x")).isNull();
        assertThat(FileOverlay.normalize("/etc/passwd")).isNull();
        assertThatThrownBy(() -> files.write("../x", new byte[0])).hasMessageContaining("../x");
    }

    @Test
    void aLinkInsideTheRepositoryIsFollowedForReadingAndWritingButDeletedItself() throws Exception {
        files.begin();
        assertThat(text("tasks/active/LINKED.md")).contains("real\n");
        files.write("tasks/active/LINKED.md", "real, edited\n".getBytes(StandardCharsets.UTF_8));
        files.delete("tasks/active/LINKED.md");
        files.keep();

        assertThat(files.changes()).containsOnlyKeys("tasks/backlog/REAL.md", "tasks/active/LINKED.md");
        assertThat(text("tasks/backlog/REAL.md")).contains("real, edited\n");
        assertThat(files.isFile("tasks/active/LINKED.md")).isFalse();
        assertThat(files.isFile("tasks/active/OUTSIDE.md")).isFalse();
    }
}
