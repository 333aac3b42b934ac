package io.taskstream.actions.workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which files a criterion's steps changed in the workspace's git repositories, and where they belong. A criterion
 * is credited only with changes in the repository that holds its working directory and in repositories inside that
 * directory, so that tasks working side by side in other repositories are not mixed into its commit; and of
 * those inside it, only with the ones no other criterion worked in meanwhile ({@link RepoClaims}).
 */
public final class WorkspaceChanges {
    private final Path root;
    private final RepoClaims claims;

    /** @param claims who works in which repository, shared by every executor of the process */
    public WorkspaceChanges(Path root, RepoClaims claims) {
        this.root = root.toAbsolutePath().normalize();
        this.claims = claims;
    }

    public Path root() {
        return root;
    }

    /**
     * Starts watching what a criterion changes, before its steps run: claims its repositories (waiting while
     * another criterion holds the one its directory is in) and notes their state.
     *
     * @param dir the criterion's working directory, workspace-relative ({@code ""} or {@code "."} for the root)
     */
    public ChangeWatch watch(String dir) throws InterruptedException {
        WorkspaceRepos repos = WorkspaceRepos.find(root);
        String normal = normal(dir);
        Optional<String> held = holder(repos.dirs(), normal);
        List<String> scope = scope(repos.dirs(), normal);
        List<String> watched = new ArrayList<>(scope);
        held.ifPresent(watched::remove);
        RepoClaims.Claim claim = claims.claim(root, held, watched);
        try {
            return new ChangeWatch(this, normal, ChangeSnapshot.take(repos, scope::contains), claim);
        } catch (RuntimeException e) {
            claim.release();
            throw e;
        }
    }

    /**
     * The files changed since {@code before} in the criterion's repositories, workspace-relative, less those in
     * {@code contested} repositories.
     */
    List<String> since(ChangeSnapshot before, String dir, Set<String> contested) {
        WorkspaceRepos repos = WorkspaceRepos.find(root);
        List<String> scope = scope(repos.dirs(), dir);
        Map<String, List<String>> changed = new TreeMap<>(ChangeSnapshot.take(repos, scope::contains)
                .changedSince(before));
        changed.keySet().retainAll(scope);
        changed.keySet().removeAll(contested);
        return ChangeSnapshot.workspacePaths(changed);
    }

    /** Holds a repository (named as {@link WorkspaceRepos#dirs()} names it) until the claim is released. */
    public RepoClaims.Claim hold(String repoDir) throws InterruptedException {
        return claims.hold(root, repoDir);
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
