package io.taskstream.runtime.git;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.util.Optional;

/** Finds the commit that made a change, by the file it changed and the line its message carries. */
final class ChangeHolder {
    private ChangeHolder() {
    }

    /** See {@link GitTaskRepo#holderOf}; the reader is closed here. */
    static Optional<String> find(ObjectReader reader, ObjectId from, String path, String line, int limit)
            throws IOException {
        try (reader; RevWalk walk = new RevWalk(reader)) {
            walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(path), TreeFilter.ANY_DIFF));
            walk.markStart(walk.parseCommit(from));
            String newest = null;
            int seen = 0;
            for (RevCommit c : walk) {
                if (newest == null) {
                    newest = c.name();
                }
                if (carries(c.getFullMessage(), line)) {
                    return Optional.of(c.name());
                }
                if (++seen >= limit) {
                    break;
                }
            }
            return Optional.ofNullable(newest);
        }
    }

    private static boolean carries(String message, String line) {
        return message.lines().anyMatch(l -> l.startsWith(line));
    }
}
