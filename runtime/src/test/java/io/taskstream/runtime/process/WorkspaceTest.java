package io.taskstream.runtime.process;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkspaceTest {
    @TempDir
    Path temp;

    private Path root;
    private Path outside;
    private Workspace workspace;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(temp.resolve("root"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.createDirectories(root.resolve("a"));
        Files.createDirectories(root.resolve("b/c"));
        workspace = new Workspace(root);
    }

    @Test
    void createsAMissingRootAndKeepsItsRealPath() throws Exception {
        Workspace fresh = new Workspace(temp.resolve("new/root"));

        assertThat(fresh.root()).isDirectory().isEqualTo(temp.resolve("new/root").toRealPath());
    }

    @Test
    void blankMeansTheRoot() throws Exception {
        assertThat(workspace.resolve("")).isEqualTo(root.toRealPath());
        assertThat(workspace.resolve(null)).isEqualTo(root.toRealPath());
    }

    @Test
    void aRelativeDirectoryResolvesInsideTheRoot() throws Exception {
        assertThat(workspace.resolve("b/c")).isEqualTo(root.toRealPath().resolve("b/c"));
    }

    @Test
    void aDetourThroughDotDotThatStaysInsideIsAccepted() throws Exception {
        assertThat(workspace.resolve("a/../b")).isEqualTo(root.toRealPath().resolve("b"));
    }

    @Test
    void dotDotLeavingTheRootIsRefused() {
        assertThatThrownBy(() -> workspace.resolve("../outside"))
                .isInstanceOf(Workspace.WorkspaceException.class).hasMessageContaining("leaves the workspace root");
        assertThatThrownBy(() -> workspace.resolve("a/../../outside"))
                .isInstanceOf(Workspace.WorkspaceException.class).hasMessageContaining("leaves the workspace root");
    }

    @Test
    void aSiblingWhoseNameStartsLikeTheRootIsStillOutside() throws Exception {
        Files.createDirectories(temp.resolve("root-evil"));

        assertThatThrownBy(() -> workspace.resolve("../root-evil"))
                .isInstanceOf(Workspace.WorkspaceException.class).hasMessageContaining("leaves the workspace root");
    }

    @Test
    void anAbsolutePathIsRefusedEvenInsideTheRoot() {
        assertThatThrownBy(() -> workspace.resolve(root.resolve("a").toString()))
                .isInstanceOf(Workspace.WorkspaceException.class).hasMessageContaining("is absolute");
    }

    @Test
    void aSymlinkInsideTheRootPointingOutsideIsRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("a/inner"), root.resolve("b"));

        assertThatThrownBy(() -> workspace.resolve("escape"))
                .isInstanceOf(Workspace.WorkspaceException.class).hasMessageContaining("outside the workspace root");
        assertThat(workspace.resolve("a/inner")).isEqualTo(root.toRealPath().resolve("b"));
    }

    @Test
    void aMissingDirectoryOrAFileIsRefused() throws Exception {
        Files.writeString(root.resolve("file.txt"), "x");

        assertThatThrownBy(() -> workspace.resolve("nope"))
                .isInstanceOf(Workspace.WorkspaceException.class).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> workspace.resolve("file.txt"))
                .isInstanceOf(Workspace.WorkspaceException.class).hasMessageContaining("not a directory");
    }
}
