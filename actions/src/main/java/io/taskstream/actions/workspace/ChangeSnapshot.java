package io.taskstream.actions.workspace;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.submodule.SubmoduleWalk.IgnoreSubmoduleMode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which files differ from HEAD in each repository of a workspace at one moment, with a hash of each file's
 * content. Taken before and after a criterion's steps, two snapshots tell which files the steps changed, including
 * files that were already dirty before and were changed again. Files ignored by git are not seen.
 */
public final class ChangeSnapshot {
    private static final String ABSENT = "-";

    private final Map<String, Map<String, String>> dirty;
    private final Map<String, String> unreadable;

    private ChangeSnapshot(Map<String, Map<String, String>> dirty, Map<String, String> unreadable) {
        this.dirty = dirty;
        this.unreadable = unreadable;
    }

    /** Reads every repository's status now; a repository that cannot be read is left out and named in {@link #unreadable()}. */
    public static ChangeSnapshot take(WorkspaceRepos repos) {
        return take(repos, dir -> true);
    }

    /** Reads the status of the repositories {@code which} accepts (by workspace-relative directory) only. */
    public static ChangeSnapshot take(WorkspaceRepos repos, java.util.function.Predicate<String> which) {
        Map<String, Map<String, String>> dirty = new HashMap<>();
        Map<String, String> unreadable = new TreeMap<>();
        for (String dir : repos.dirs().stream().filter(which).toList()) {
            Path tree = repos.resolve(dir);
            try {
                dirty.put(dir, hashes(tree, status(tree, repos.nestedIn(dir))));
            } catch (IOException | GitAPIException | RuntimeException e) {
                unreadable.put(dir, String.valueOf(e.getMessage()));
            }
        }
        return new ChangeSnapshot(dirty, unreadable);
    }

    private static Set<String> status(Path tree, List<String> nested) throws IOException, GitAPIException {
        Status status;
        try (Git git = Git.open(tree.toFile())) {
            status = git.status().setIgnoreSubmodules(IgnoreSubmoduleMode.ALL).call();
        }
        Set<String> paths = new HashSet<>(status.getUncommittedChanges());
        paths.addAll(status.getUntracked());
        // A nested repository shows up as an untracked entry of the outer one; its files are its own.
        paths.removeIf(p -> nested.stream().anyMatch(n -> p.equals(n) || p.startsWith(n + "/")));
        return paths;
    }

    private static Map<String, String> hashes(Path tree, Set<String> paths) throws IOException {
        Map<String, String> hashes = new HashMap<>();
        try (ObjectInserter.Formatter formatter = new ObjectInserter.Formatter()) {
            for (String path : paths) {
                String hash = hash(tree.resolve(path), formatter);
                if (hash != null) {
                    hashes.put(path, hash);
                }
            }
        }
        return hashes;
    }

    /**
     * The blob id git would give the content, with the link or executable bit; {@value #ABSENT} for a deleted file;
     * {@code null} for a directory.
     */
    private static String hash(Path file, ObjectInserter.Formatter formatter) throws IOException {
        if (Files.isSymbolicLink(file)) {
            byte[] target = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
            return "link:" + formatter.idFor(Constants.OBJ_BLOB, target).name();
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return ABSENT;
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            // A repository cloned inside this one: git would record it as a gitlink, never as its files.
            return null;
        }
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            String id = formatter.idFor(Constants.OBJ_BLOB, size, in).name();
            return Files.isExecutable(file) ? "x:" + id : id;
        }
    }

    /**
     * The files the steps run between {@code before} and this snapshot changed: per repository (as named by
     * {@link WorkspaceRepos#dirs()}), its sorted repository-relative paths. Repositories without changes are left
     * out; a repository that did not exist before counts all its changes.
     */
    public Map<String, List<String>> changedSince(ChangeSnapshot before) {
        Map<String, List<String>> changed = new TreeMap<>();
        for (Map.Entry<String, Map<String, String>> repo : dirty.entrySet()) {
            Map<String, String> now = repo.getValue();
            Map<String, String> then = before.dirty.getOrDefault(repo.getKey(), Map.of());
            Set<String> paths = new TreeSet<>(now.keySet());
            paths.addAll(then.keySet());
            // A file clean in one snapshot and absent from its map has HEAD's content, as it has when reverted.
            paths.removeIf(p -> now.getOrDefault(p, "HEAD").equals(then.getOrDefault(p, "HEAD")));
            if (!paths.isEmpty()) {
                changed.put(repo.getKey(), List.copyOf(paths));
            }
        }
        return changed;
    }

    /** The same changes as {@code ChangedFiles}. */
    public ChangedFiles changesSince(ChangeSnapshot before) {
        return new ChangedFiles(changedSince(before));
    }

    /** Workspace-relative paths ({@code ffl/src/app.py}) of the changes {@link #changedSince} returns, sorted. */
    public static List<String> workspacePaths(Map<String, List<String>> changed) {
        List<String> paths = new ArrayList<>();
        changed.forEach((dir, files) -> files.forEach(f -> paths.add(WorkspaceRepos.workspacePath(dir, f))));
        paths.sort(null);
        return paths;
    }

    /** Repositories whose status could not be read, with why. */
    public Map<String, String> unreadable() {
        return Map.copyOf(unreadable);
    }

    /** The repositories with files differing from HEAD, and how many. */
    @Override
    public String toString() {
        Map<String, Integer> counts = new TreeMap<>();
        dirty.forEach((dir, files) -> counts.put(dir, files.size()));
        return "ChangeSnapshot" + counts;
    }
}
