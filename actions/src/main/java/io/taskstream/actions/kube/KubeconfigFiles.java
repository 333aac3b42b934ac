package io.taskstream.actions.kube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Kubeconfig files only their owner can read, replaced whole so no reader sees half a file. */
final class KubeconfigFiles {
    /** A kubeconfig that reaches no cluster: no clusters, no contexts, no users. */
    static final String EMPTY = """
            apiVersion: v1
            kind: Config
            clusters: []
            contexts: []
            users: []
            current-context: ""
            preferences: {}
            """;

    private KubeconfigFiles() {
    }

    static Path writePrivate(Path target, String content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".kubeconfig", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, content);
            return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
