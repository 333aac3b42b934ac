package io.taskstream.actions.workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which files a criterion's steps changed in the workspace's git repositories, and where they belong. A criterion
 * is credited only with changes in the repository that holds its working directory and in repositories inside that
 * directory, so that tasks working side by side in other repositories are not mixed into its commit.
 */
public final class WorkspaceChanges {
    private final Path root;

    public WorkspaceChanges(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** @param dir the criterion's working directory: only the repositories it can be credited with are read */
    public ChangeSnapshot before(String dir) {
        WorkspaceRepos repos = WorkspaceRepos.find(root);
        List<String> scope = scope(repos.dirs(), normal(dir));
        return ChangeSnapshot.take(repos, scope::contains);
    }

    /**
     * @param dir the criterion's working directory, workspace-relative ({@code ""} or {@code "."} for the root)
     * @return the files changed since {@code before} in the criterion's repositories, workspace-relative
     */
    public List<String> since(ChangeSnapshot before, String dir) {
        WorkspaceRepos repos = WorkspaceRepos.find(root);
        List<String> scope = scope(repos.dirs(), normal(dir));
        Map<String, List<String>> changed = new TreeMap<>(ChangeSnapshot.take(repos, scope::contains)
                .changedSince(before));
        changed.keySet().retainAll(scope);
        return ChangeSnapshot.workspacePaths(changed);
    }

    /** Groups workspace-relative paths by the repository that holds each (the deepest one). */
    public Map<String, List<String>> byRepo(List<String> workspacePaths) {
        List<String> dirs = WorkspaceRepos.find(root).dirs();
        Map<String, List<String>> out = new TreeMap<>();
        for (String path : workspacePaths) {
            holder(dirs, path).ifPresent(d -> out.computeIfAbsent(d, k -> new ArrayList<>())
                    .add(WorkspaceRepos.ROOT.equals(d) ? path : path.substring(d.length() + 1)));
        }
        return out;
    }

    private static List<String> scope(List<String> dirs, String dir) {
        List<String> scope = new ArrayList<>();
        holder(dirs, dir).ifPresent(scope::add);
        dirs.stream().filter(d -> !scope.contains(d) && inside(d, dir)).forEach(scope::add);
        return scope;
    }

    private static Optional<String> holder(List<String> dirs, String path) {
        return dirs.stream().filter(d -> d.equals(path) || inside(path, d))
                .max((a, b) -> Integer.compare(depth(a), depth(b)));
    }

    private static boolean inside(String path, String dir) {
        return WorkspaceRepos.ROOT.equals(dir) ? !WorkspaceRepos.ROOT.equals(path) : path.startsWith(dir + "/");
    }

    private static int depth(String dir) {
        return WorkspaceRepos.ROOT.equals(dir) ? 0 : dir.split("/").length;
    }

    private static String normal(String dir) {
        return dir == null || dir.isEmpty() ? WorkspaceRepos.ROOT : dir;
    }
}
