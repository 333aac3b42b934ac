package io.taskstream.actions.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The git work trees in a workspace: the root itself and directories up to {@value #MAX_DEPTH} levels below it
 * that hold a {@code .git} (directory or file). Repositories are named by their workspace-relative directory with
 * {@code /} separators, {@code "."} for the root.
 *
 * <p>Symbolic links are not followed, and {@code node_modules}, {@code target}, {@code build} and hidden
 * directories are not searched.
 */
public final class WorkspaceRepos {
    /** How many levels below the root a repository may sit. */
    public static final int MAX_DEPTH = 3;
    public static final String ROOT = ".";
    private static final Set<String> SKIPPED = Set.of("node_modules", "target", "build");

    private final Path root;
    private final List<String> dirs;

    private WorkspaceRepos(Path root, List<String> dirs) {
        this.root = root;
        this.dirs = List.copyOf(dirs);
    }

    /** Searches the workspace now; repositories created later are found by searching again. */
    public static WorkspaceRepos find(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        List<String> found = new ArrayList<>();
        if (isRepo(abs)) {
            found.add(ROOT);
        }
        try {
            // Found repositories are searched too: the root is often a repository holding the project ones.
            search(abs, "", 1, found);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search workspace " + abs + " for repositories", e);
        }
        Collections.sort(found);
        return new WorkspaceRepos(abs, found);
    }

    private static void search(Path dir, String rel, int depth, List<String> found) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                // Hidden directories (.git, .venv, .terraform, .cache) hold no project repositories.
                if (name.startsWith(".") || SKIPPED.contains(name)
                        || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String childRel = rel.isEmpty() ? name : rel + "/" + name;
                if (isRepo(entry)) {
                    found.add(childRel);
                }
                if (depth < MAX_DEPTH) {
                    search(entry, childRel, depth + 1, found);
                }
            }
        } catch (AccessDeniedException e) {
            // An unreadable directory holds nothing we could commit.
        }
    }

    private static boolean isRepo(Path dir) {
        return Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS);
    }

    public Path root() {
        return root;
    }

    /** The repositories' workspace-relative directories, sorted; {@code "."} is the root. */
    public List<String> dirs() {
        return dirs;
    }

    public boolean isEmpty() {
        return dirs.isEmpty();
    }

    /** The work tree of a repository named as in {@link #dirs()}. */
    public Path resolve(String dir) {
        return resolve(root, dir);
    }

    /** The work tree of a repository named as in {@link #dirs()}, in the workspace at {@code root}. */
    public static Path resolve(Path root, String dir) {
        return ROOT.equals(dir) ? root : root.resolve(dir);
    }

    /** The repositories strictly inside {@code dir}, relative to it; their files belong to them, not to it. */
    public List<String> nestedIn(String dir) {
        List<String> nested = new ArrayList<>();
        for (String other : dirs) {
            if (ROOT.equals(dir) && !ROOT.equals(other)) {
                nested.add(other);
            } else if (other.startsWith(dir + "/")) {
                nested.add(other.substring(dir.length() + 1));
            }
        }
        return nested;
    }

    /** A workspace-relative path for a path inside repository {@code dir}. */
    public static String workspacePath(String dir, String repoPath) {
        return ROOT.equals(dir) ? repoPath : dir + "/" + repoPath;
    }

    @Override
    public String toString() {
        return "WorkspaceRepos" + dirs + " in " + root;
    }
}
