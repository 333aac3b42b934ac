package io.taskstream.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The directory tree commands may run in; nothing resolves outside it, through {@code ..} or symlinks. */
public final class Workspace {
    private final Path root;

    public Workspace(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("workspace root " + root + " is not usable: " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    /**
     * @param relative the {@code in} of a criterion; empty for the root
     * @return the real directory
     * @throws WorkspaceException if it is absolute, escapes the root, or does not exist as a directory
     */
    public Path resolve(String relative) throws WorkspaceException {
        if (relative == null || relative.isBlank()) {
            return root;
        }
        Path rel = Path.of(relative);
        if (rel.isAbsolute()) {
            throw new WorkspaceException("'" + relative + "' is absolute; 'in' is relative to the workspace root");
        }
        Path candidate = root.resolve(rel).normalize();
        if (!candidate.startsWith(root)) {
            throw new WorkspaceException("'" + relative + "' leaves the workspace root");
        }
        if (!Files.isDirectory(candidate)) {
            throw new WorkspaceException("'" + relative + "' is not a directory in the workspace");
        }
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(root)) {
                throw new WorkspaceException("'" + relative + "' resolves through a link to " + real + ", outside the workspace root");
            }
            return real;
        } catch (IOException e) {
            throw new WorkspaceException("'" + relative + "' cannot be resolved: " + e.getMessage());
        }
    }

    /** Why a directory was refused. */
    public static final class WorkspaceException extends Exception {
        public WorkspaceException(String message) {
            super(message);
        }
    }
}
