package io.taskstream.actions.workspace;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files one criterion's steps changed, per repository: what an event's {@code files_modified} lists and what a
 * report names when a failed criterion leaves them changed and uncommitted.
 *
 * @param byRepo per repository directory ({@code "."} for the workspace root) its repository-relative paths
 */
public record ChangedFiles(Map<String, List<String>> byRepo) {
    public static final ChangedFiles NONE = new ChangedFiles(Map.of());

    public ChangedFiles {
        Map<String, List<String>> copy = new TreeMap<>();
        byRepo.forEach((dir, files) -> copy.put(dir, List.copyOf(files)));
        byRepo = Collections.unmodifiableMap(copy);
    }

    public boolean isEmpty() {
        return byRepo.values().stream().allMatch(List::isEmpty);
    }

    /** Workspace-relative paths, e.g. {@code ffl/src/app.py}, sorted. */
    public List<String> workspacePaths() {
        return ChangeSnapshot.workspacePaths(byRepo);
    }
}
