package io.taskstream.scanner.scan;

import io.taskstream.task.TaskFile;
import io.taskstream.task.parse.TaskFileException;
import io.taskstream.task.parse.TaskFileParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads every {@code *.md} file of the task folders of a work tree and parses it. Any one bad file is
 * reported with its line and problem and left out; the rest of the repo is read. Ids used by two files
 * make both invalid, since neither can be trusted to be the one meant.
 */
public final class TaskRepoReader {
    private final TaskFileParser parser = new TaskFileParser();

    public RepoScan read(Path workTree, String commit) throws IOException {
        Path root = workTree.toRealPath();
        List<ScannedTask> tasks = new ArrayList<>();
        List<InvalidFile> invalid = new ArrayList<>();
        for (Folder folder : Folder.values()) {
            Path dir = root.resolve(folder.path());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            Path real = dir.toRealPath();
            if (!real.startsWith(root)) {
                // a linked folder must not bring in files the file-level link check never sees
                invalid.add(new InvalidFile(folder.path(), null, 0,
                        "folder leads to " + real + ", outside the task repo"));
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().toList()) {
                    readOne(root, file, folder, tasks, invalid);
                }
            }
        }
        return new RepoScan(commit, withoutDuplicates(tasks, invalid), invalid);
    }

    private void readOne(Path root, Path file, Folder folder, List<ScannedTask> tasks, List<InvalidFile> invalid)
            throws IOException {
        String path = root.relativize(file).toString();
        if (Files.isSymbolicLink(file)) {
            Path target;
            try {
                target = file.toRealPath();
            } catch (IOException e) {
                // dangling or looping: one bad link must not stop the scan of the rest of the repo
                invalid.add(new InvalidFile(path, null, 0, "symbolic link to " + Files.readSymbolicLink(file)
                        + " that does not lead to a file"));
                return;
            }
            if (!target.startsWith(root)) {
                invalid.add(new InvalidFile(path, null, 0, "symbolic link to " + target + ", outside the task repo"));
                return;
            }
        }
        if (!Files.isRegularFile(file)) {
            invalid.add(new InvalidFile(path, null, 0, "not a regular file"));
            return;
        }
        if (Files.size(file) > TaskFileParser.MAX_BYTES) {
            invalid.add(new InvalidFile(path, null, 0, "file is " + Files.size(file) + " bytes, over the "
                    + TaskFileParser.MAX_BYTES + "-byte limit for a task file"));
            return;
        }
        try {
            TaskFile parsed = parser.parse(path, Files.readAllBytes(file));
            tasks.add(new ScannedTask(parsed, folder));
        } catch (TaskFileException e) {
            invalid.add(new InvalidFile(path, null, e.line(), e.problem()));
        }
    }

    private static List<ScannedTask> withoutDuplicates(List<ScannedTask> tasks, List<InvalidFile> invalid) {
        Map<String, List<ScannedTask>> byId = new HashMap<>();
        tasks.forEach(t -> byId.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(t));
        List<ScannedTask> unique = new ArrayList<>();
        for (ScannedTask t : tasks) {
            List<ScannedTask> same = byId.get(t.id());
            if (same.size() == 1) {
                unique.add(t);
                continue;
            }
            List<String> others = same.stream().filter(o -> o != t).map(o -> o.file().path()).toList();
            invalid.add(new InvalidFile(t.file().path(), t.id(), FrontMatterLines.lineOf(t.file(), "id"),
                    "duplicate id " + t.id() + ": also used by " + String.join(", ", others)));
        }
        return unique;
    }
}
