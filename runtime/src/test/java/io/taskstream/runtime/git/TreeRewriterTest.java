package io.taskstream.runtime.git;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static io.taskstream.runtime.git.InMemoryTrees.File.regular;
import static org.assertj.core.api.Assertions.assertThat;

class TreeRewriterTest {
    private final InMemoryTrees trees = new InMemoryTrees();
    private final Map<String, InMemoryTrees.File> files = new HashMap<>();
    private ObjectReader reader;
    private ObjectId base;

    @BeforeEach
    void setUp() throws Exception {
        for (int i = 0; i < 50; i++) {
            files.put("tasks/active/TASK-" + i + ".md", regular("task " + i + "\n"));
            files.put("tasks/backlog/LATER-" + i + ".md", regular("later " + i + "\n"));
        }
        files.put("docs/guide/intro.md", regular("intro\n"));
        files.put("scripts/run.sh", new InMemoryTrees.File(FileMode.EXECUTABLE_FILE, "#!/bin/sh\n"));
        files.put("a.b", regular("dot\n"));
        files.put("a-b", regular("dash\n"));
        files.put("a/z", regular("in a directory named a\n"));
        files.put("link", new InMemoryTrees.File(FileMode.SYMLINK, "a/z"));
        base = trees.tree(files);
        reader = trees.repository.newObjectReader();
    }

    @AfterEach
    void tearDown() {
        reader.close();
        trees.close();
    }

    private ObjectId rewrite(Map<String, byte[]> changes, NewObjects out) throws Exception {
        return new TreeRewriter(new BaseTrees(reader), out).rewrite(base, changes);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oneChangedFileWritesItsBlobAndTheTreesOnItsPathOnly() throws Exception {
        NewObjects out = new NewObjects();

        ObjectId tree = rewrite(Map.of("tasks/active/TASK-7.md", bytes("task 7, checked\n")), out);

        files.put("tasks/active/TASK-7.md", regular("task 7, checked\n"));
        assertThat(tree).isEqualTo(trees.tree(files));
        assertThat(out.count()).as("blob, tasks/active, tasks, root").isEqualTo(4);
        for (String untouched : new String[] {"tasks/backlog", "docs", "docs/guide", "scripts", "a"}) {
            assertThat(trees.subtree(tree, untouched)).as(untouched).isEqualTo(trees.subtree(base, untouched));
        }
    }

    @Test
    void entriesAreWrittenInGitsCanonicalOrderWithModesKept() throws Exception {
        Map<String, byte[]> changes = new TreeMap<>();
        changes.put("a/y", bytes("new in a\n"));
        changes.put("a.c", bytes("another dot\n"));
        changes.put("a0", bytes("after the directory a\n"));
        changes.put("scripts/run.sh", bytes("#!/bin/sh\nexit 0\n"));

        ObjectId tree = rewrite(changes, new NewObjects());

        files.put("a/y", regular("new in a\n"));
        files.put("a.c", regular("another dot\n"));
        files.put("a0", regular("after the directory a\n"));
        files.put("scripts/run.sh", new InMemoryTrees.File(FileMode.EXECUTABLE_FILE, "#!/bin/sh\nexit 0\n"));
        assertThat(tree).isEqualTo(trees.tree(files));
    }

    @Test
    void aFileThatBecomesADirectoryAndADirectoryThatBecomesAFileMoveToTheirNewPlaces() throws Exception {
        Map<String, byte[]> changes = new TreeMap<>();
        changes.put("a.b", FileOverlay.DELETED);
        changes.put("a.b/inner", bytes("now in a directory\n"));
        changes.put("a/z", FileOverlay.DELETED);
        changes.put("a", bytes("now a file\n"));

        ObjectId tree = rewrite(changes, new NewObjects());

        files.remove("a.b");
        files.remove("a/z");
        files.put("a.b/inner", regular("now in a directory\n"));
        files.put("a", regular("now a file\n"));
        assertThat(tree).isEqualTo(trees.tree(files));
    }

    @Test
    void aDirectoryLeftEmptyDisappearsAndNewDirectoriesAreMade() throws Exception {
        Map<String, byte[]> changes = new TreeMap<>();
        for (int i = 0; i < 50; i++) {
            changes.put("tasks/backlog/LATER-" + i + ".md", FileOverlay.DELETED);
            files.remove("tasks/backlog/LATER-" + i + ".md");
        }
        changes.put("tasks/completed/TASK-1.md", bytes("task 1, done\n"));
        changes.put("tasks/active/TASK-1.md", FileOverlay.DELETED);
        files.remove("tasks/active/TASK-1.md");
        files.put("tasks/completed/TASK-1.md", regular("task 1, done\n"));

        assertThat(rewrite(changes, new NewObjects())).isEqualTo(trees.tree(files));
    }

    @Test
    void changesThatLeaveEveryFileAsItWasAddNothing() throws Exception {
        NewObjects out = new NewObjects();

        ObjectId tree = rewrite(Map.of("tasks/active/TASK-3.md", bytes("task 3\n"),
                "tasks/backlog/MISSING.md", FileOverlay.DELETED), out);

        assertThat(tree).isEqualTo(base);
        assertThat(out.count()).isZero();
    }
}
