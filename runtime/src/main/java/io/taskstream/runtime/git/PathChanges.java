package io.taskstream.runtime.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.util.io.DisabledOutputStream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What changed below a folder between two commits of a clone, and whether people or the pipeline changed it. */
final class PathChanges {
    private PathChanges() {
    }

    static List<GitTaskRepo.Change> between(Git git, String from, String to, String folder)
            throws IOException, GitAPIException {
        Repository repository = git.getRepository();
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader);
             DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            CanonicalTreeParser oldTree = new CanonicalTreeParser(null, reader,
                    walk.parseCommit(repository.resolve(from)).getTree());
            CanonicalTreeParser newTree = new CanonicalTreeParser(null, reader,
                    walk.parseCommit(repository.resolve(to)).getTree());
            diff.setRepository(repository);
            diff.setDetectRenames(true);
            diff.setPathFilter(PathFilter.create(folder));
            Set<String> byPeople = pathsChangedByPeople(git, from, to, folder);
            List<GitTaskRepo.Change> changes = new ArrayList<>();
            for (DiffEntry e : diff.scan(oldTree, newTree)) {
                String oldPath = e.getChangeType() == DiffEntry.ChangeType.ADD
                        || e.getChangeType() == DiffEntry.ChangeType.COPY ? null : e.getOldPath();
                String newPath = e.getChangeType() == DiffEntry.ChangeType.DELETE ? null : e.getNewPath();
                boolean byPipeline = !byPeople.contains(oldPath) && !byPeople.contains(newPath);
                changes.add(new GitTaskRepo.Change(oldPath, newPath, byPipeline));
            }
            return changes;
        }
    }

    /** Paths below the folder that some commit in the range, not made by the pipeline, touched. */
    private static Set<String> pathsChangedByPeople(Git git, String from, String to, String folder)
            throws IOException, GitAPIException {
        Repository repository = git.getRepository();
        Set<String> paths = new HashSet<>();
        for (RevCommit commit : git.log().addRange(repository.resolve(from), repository.resolve(to)).call()) {
            if (commit.getFullMessage().contains("\n" + GitTaskRepo.RUN_TRAILER) || commit.getParentCount() == 0) {
                continue;
            }
            try (DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE);
                 RevWalk walk = new RevWalk(repository)) {
                diff.setRepository(repository);
                diff.setPathFilter(PathFilter.create(folder));
                RevCommit parent = walk.parseCommit(commit.getParent(0).getId());
                for (DiffEntry e : diff.scan(parent.getTree(), walk.parseCommit(commit.getId()).getTree())) {
                    paths.add(e.getOldPath());
                    paths.add(e.getNewPath());
                }
            }
        }
        return paths;
    }
}
