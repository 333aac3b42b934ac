package io.taskstream.scanner.scan;

import java.util.List;
import java.util.Optional;

/**
 * Everything a scan found at one commit.
 *
 * @param tasks   every usable task, all folders
 * @param invalid files that cannot be used, with the reason
 */
public record RepoScan(String commit, List<ScannedTask> tasks, List<InvalidFile> invalid) {
    public RepoScan {
        tasks = List.copyOf(tasks);
        invalid = List.copyOf(invalid);
    }

    public Optional<ScannedTask> task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
