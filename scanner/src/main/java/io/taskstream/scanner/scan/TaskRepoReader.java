package io.taskstream.scanner.scan;

import io.taskstream.runtime.git.GitTaskRepo;
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
import java.util.Collection;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.nio.file.LinkOption;
import java.util.stream.Stream;

/**
 * Reads every {@code *.md} file of the task folders of a work tree and parses it. Any one bad file is
 * reported with its line and problem and left out; the rest of the repo is read. Ids used by two files
 * make both invalid, since neither can be trusted to be the one meant.
 */
public final class TaskRepoReader {
    private final TaskFileParser parser = new TaskFileParser();

    public RepoScan read(Path workTree, String commit) throws IOException {
        return scanOf(commit, readAll(workTree));
    }

    /** Every task file of the work tree, read (parsed on every core): path to what it came to. */
    public SortedMap<String, ReadResult> readAll(Path workTree) throws IOException {
        Path root = workTree.toRealPath();
        SortedMap<String, ReadResult> files = new TreeMap<>();
        List<Map.Entry<Path, Folder>> toRead = new ArrayList<>();
        for (Folder folder : Folder.values()) {
            Path dir = root.resolve(folder.path());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            Path real = dir.toRealPath();
            if (!real.startsWith(root)) {
                // a linked folder must not bring in files the file-level link check never sees
                files.put(folder.path(), new InvalidFile(folder.path(), null, 0,
                        "folder leads to " + real + ", outside the task repo"));
                continue;
            }
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(f -> f.getFileName().toString().endsWith(".md")).forEach(f -> toRead.add(Map.entry(f, folder)));
            }
        }
        try {
            toRead.parallelStream().map(e -> {
                try {
                    return readOne(root, e.getKey(), e.getValue());
                } catch (IOException io) {
                    throw new java.io.UncheckedIOException(io);
                }
            }).toList().forEach(r -> files.put(r.path(), r));
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return files;
    }

    /**
     * The previous read with the given paths read again: what an incremental scan costs is the files that
     * changed. A path that no longer exists, or is not a task file, drops out.
     */
    public SortedMap<String, ReadResult> update(Path workTree, SortedMap<String, ReadResult> previous,
                                                Collection<String> paths) throws IOException {
        Path root = workTree.toRealPath();
        SortedMap<String, ReadResult> files = new TreeMap<>(previous);
        for (String path : paths) {
            files.remove(path);
            Optional<Folder> folder = Folder.of(path);
            Path file = root.resolve(path);
            if (folder.isPresent() && path.endsWith(".md") && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                files.put(path, readOne(root, file, folder.get()));
            }
        }
        return files;
    }

    /** Reads a file of a commit from the object database (see {@link GitTaskRepo#read}). */
    @FunctionalInterface
    public interface BlobSource {
        Optional<GitTaskRepo.Blob> read(String path) throws GitTaskRepo.GitException;
    }

    /**
     * The previous read with the given paths read again from a commit's objects, without a work tree: what
     * an incremental scan costs is the changed files, not a checkout of the whole repo.
     */
    public SortedMap<String, ReadResult> update(SortedMap<String, ReadResult> previous, Collection<String> paths,
                                                BlobSource commit) throws GitTaskRepo.GitException {
        SortedMap<String, ReadResult> files = new TreeMap<>(previous);
        for (String path : paths) {
            files.remove(path);
            Optional<Folder> folder = Folder.of(path);
            if (folder.isPresent() && path.endsWith(".md")) {
                Optional<GitTaskRepo.Blob> blob = commit.read(path);
                if (blob.isPresent()) {
                    files.put(path, readBlob(path, folder.get(), blob.get(), commit));
                }
            }
        }
        return files;
    }

    private ReadResult readBlob(String path, Folder folder, GitTaskRepo.Blob blob, BlobSource commit)
            throws GitTaskRepo.GitException {
        if (blob.symlink()) {
            String target = blob.bytes() == null ? "?" : new String(blob.bytes(), java.nio.charset.StandardCharsets.UTF_8);
            Path resolved = Path.of(path).getParent().resolve(target).normalize();
            if (Path.of(target).isAbsolute() || resolved.startsWith("..")) {
                return new InvalidFile(path, null, 1, "symbolic link to " + target + ", outside the task repo");
            }
            Optional<GitTaskRepo.Blob> linked = commit.read(resolved.toString());
            if (linked.isEmpty() || linked.get().symlink()) {
                return new InvalidFile(path, null, 1, "symbolic link to " + target + " that does not lead to a file");
            }
            blob = linked.get();
        }
        if (blob.bytes() == null) {
            return new InvalidFile(path, null, 1, "file is " + blob.size() + " bytes, over the "
                    + TaskFileParser.MAX_BYTES + "-byte limit for a task file");
        }
        return parsed(path, folder, blob.bytes());
    }

    private ReadResult parsed(String path, Folder folder, byte[] bytes) {
        try {
            TaskFile parsed = parser.parse(path, bytes);
            Optional<InvalidFile> secret = LiteralSecrets.check(parsed);
            return secret.isPresent() ? secret.get() : new ScannedTask(parsed, folder);
        } catch (TaskFileException e) {
            return new InvalidFile(path, null, e.line(), e.problem());
        }
    }

    /** The usable tasks and the invalid files, duplicates of an id made invalid. */
    public static RepoScan scanOf(String commit, SortedMap<String, ReadResult> files) {
        List<ScannedTask> tasks = new ArrayList<>();
        List<InvalidFile> invalid = new ArrayList<>();
        files.values().forEach(r -> {
            if (r instanceof ScannedTask t) {
                tasks.add(t);
            } else if (r instanceof InvalidFile bad) {
                invalid.add(bad);
            }
        });
        return new RepoScan(commit, withoutDuplicates(tasks, invalid), invalid);
    }

    private ReadResult readOne(Path root, Path file, Folder folder) throws IOException {
        String path = root.relativize(file).toString();
        if (Files.isSymbolicLink(file)) {
            Path target;
            try {
                target = file.toRealPath();
            } catch (IOException e) {
                // dangling or looping: one bad link must not stop the scan of the rest of the repo
                return new InvalidFile(path, null, 1, "symbolic link to " + Files.readSymbolicLink(file)
                        + " that does not lead to a file");
            }
            if (!target.startsWith(root)) {
                return new InvalidFile(path, null, 1, "symbolic link to " + target + ", outside the task repo");
            }
        }
        if (!Files.isRegularFile(file)) {
            return new InvalidFile(path, null, 1, "not a regular file");
        }
        if (Files.size(file) > TaskFileParser.MAX_BYTES) {
            return new InvalidFile(path, null, 1, "file is " + Files.size(file) + " bytes, over the "
                    + TaskFileParser.MAX_BYTES + "-byte limit for a task file");
        }
        return parsed(path, folder, Files.readAllBytes(file));
    }

    private static List<ScannedTask> withoutDuplicates(List<ScannedTask> tasks, List<InvalidFile> invalid) {
        Map<String, Integer> counts = new HashMap<>(tasks.size() * 2);
        tasks.forEach(t -> counts.merge(t.id(), 1, Integer::sum));
        if (counts.size() == tasks.size()) {
            return tasks;
        }
        List<ScannedTask> unique = new ArrayList<>();
        for (ScannedTask t : tasks) {
            if (counts.get(t.id()) == 1) {
                unique.add(t);
                continue;
            }
            List<String> others = tasks.stream().filter(o -> o != t && o.id().equals(t.id()))
                    .map(o -> o.file().path()).toList();
            invalid.add(new InvalidFile(t.file().path(), t.id(), FrontMatterLines.lineOf(t.file(), "id"),
                    "duplicate id " + t.id() + ": also used by " + String.join(", ", others)));
        }
        return unique;
    }
}
