package io.taskstream.actions.workspace;

import io.taskstream.events.data.RepoCommit;
import org.eclipse.jgit.api.AddCommand;
import org.eclipse.jgit.api.CommitCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.RmCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records a verified criterion in the workspace's repositories: in each repository it changed, exactly the changed
 * paths are staged (additions and removals) and committed, and the branch is pushed where a remote exists. Other
 * changes already staged in the index are left staged and out of the commit. Nothing here throws for a repository
 * that cannot be committed or pushed; the {@link RepoCommit#note()} says why.
 */
public final class RepoCommits {
    public static final Duration DEFAULT_PUSH_TIMEOUT = Duration.ofSeconds(30);
    public static final String NOTHING_TO_COMMIT = "nothing to commit (already recorded)";

    private final Pushes pushes;

    /** @param pushTimeout the I/O timeout of each push's connection */
    public RepoCommits(Duration pushTimeout) {
        this.pushes = new Pushes(pushTimeout);
    }

    public RepoCommits() {
        this(DEFAULT_PUSH_TIMEOUT);
    }

    /** The message of a criterion's commit: {@code TASK-1 #2: <criterion>}, then {@code Verified by Taskstream in run <id>}. */
    public static String message(String taskId, int criterion, String criterionText, String runId) {
        String subject = taskId + " #" + criterion + ": " + criterionText.strip().replaceAll("\\s+", " ");
        return subject + "\n\nVerified by Taskstream in run " + runId + "\n";
    }

    /**
     * Commits each repository's changed paths in one commit and pushes it.
     *
     * @param changed per repository directory ({@code "."} for the root) its repository-relative paths, as
     *                {@link ChangeSnapshot#changedSince} gives them
     * @param author  author and committer; each commit gets the current time
     * @return one result per repository with paths, in directory order
     */
    public List<RepoCommit> commit(Path workspaceRoot, Map<String, List<String>> changed, String message,
                                   PersonIdent author) {
        PersonIdent ident = new PersonIdent(author, Instant.now());
        Path root = workspaceRoot.toAbsolutePath().normalize();
        List<RepoCommit> results = new ArrayList<>();
        new TreeMap<>(changed).forEach((dir, paths) -> {
            Path tree = root.resolve(dir).normalize();
            if (!tree.startsWith(root)) {
                results.add(new RepoCommit(dir, "", null, false, "not committed: outside the workspace"));
            } else if (!paths.isEmpty()) {
                results.add(commitOne(dir, tree, paths, message, ident));
            }
        });
        return results;
    }

    private RepoCommit commitOne(String dir, Path tree, List<String> paths, String message, PersonIdent ident) {
        try (Git git = Git.open(tree.toFile())) {
            Repository repo = git.getRepository();
            String fullBranch = repo.getFullBranch();
            String branch = fullBranch != null && fullBranch.startsWith(Constants.R_HEADS)
                    ? Repository.shortenRefName(fullBranch) : null;
            List<String> staged = stage(git, tree, paths);
            if (!differsFromHead(repo, staged)) {
                ObjectId head = repo.resolve(Constants.HEAD);
                if (head == null) {
                    return new RepoCommit(dir, "", branch, false, "nothing to commit: no commits and no changes");
                }
                // An earlier call may have committed but failed to push; the push is tried again.
                Pushes.Outcome push = pushes.push(git, branch);
                String note = push.pushed() || push.note().equals(Pushes.NO_REMOTE)
                        ? NOTHING_TO_COMMIT : NOTHING_TO_COMMIT + "; " + push.note();
                return new RepoCommit(dir, head.name(), branch, push.pushed(), note);
            }
            CommitCommand commit = git.commit().setMessage(message).setAuthor(ident).setCommitter(ident)
                    .setSign(false);
            staged.forEach(commit::setOnly);
            RevCommit made = commit.call();
            Pushes.Outcome push = pushes.push(git, branch);
            return new RepoCommit(dir, made.name(), branch, push.pushed(), push.note());
        } catch (IOException | GitAPIException | RuntimeException e) {
            return new RepoCommit(dir, "", null, false, "not committed: " + e.getMessage());
        }
    }

    /** Brings the index in line with the work tree for the paths; returns those git knows (in index or HEAD). */
    private static List<String> stage(Git git, Path tree, List<String> paths) throws IOException, GitAPIException {
        DirCache index = git.getRepository().readDirCache();
        AddCommand add = git.add();
        RmCommand rm = git.rm().setCached(true);
        boolean adds = false;
        boolean removes = false;
        for (String path : paths) {
            if (Files.exists(tree.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
                add.addFilepattern(path);
                adds = true;
            } else if (index.getEntry(path) != null) {
                rm.addFilepattern(path);
                removes = true;
            }
        }
        if (adds) {
            add.call();
        }
        if (removes) {
            rm.call();
        }
        // An ignored file is not added, and a new file deleted again is nowhere; neither can be committed.
        index = git.getRepository().readDirCache();
        ObjectId headTree = git.getRepository().resolve(Constants.HEAD + "^{tree}");
        List<String> known = new ArrayList<>();
        for (String path : paths) {
            if (index.getEntry(path) != null
                    || headTree != null && TreeWalk.forPath(git.getRepository(), path, headTree) != null) {
                known.add(path);
            }
        }
        return known;
    }

    private static boolean differsFromHead(Repository repo, List<String> paths) throws IOException {
        if (paths.isEmpty()) {
            return false;
        }
        ObjectId headTree = repo.resolve(Constants.HEAD + "^{tree}");
        try (TreeWalk walk = new TreeWalk(repo)) {
            walk.setRecursive(true);
            walk.setFilter(AndTreeFilter.create(PathFilterGroup.createFromStrings(paths), TreeFilter.ANY_DIFF));
            if (headTree != null) {
                walk.addTree(headTree);
            } else {
                walk.addTree(new EmptyTreeIterator());
            }
            walk.addTree(new DirCacheIterator(repo.readDirCache()));
            return walk.next();
        }
    }
}
