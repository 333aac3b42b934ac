package io.taskstream.actions.workspace;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;

/**
 * What one criterion changes in the workspace's repositories, from {@link WorkspaceChanges#watch} before its steps
 * to {@link #changed()} after them; the criterion's claim on its repositories lasts as long.
 */
public final class ChangeWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatch.class);

    /** For a criterion whose steps cannot write to the workspace (typed checks, builds): nothing is watched. */
    public static final ChangeWatch NONE = new ChangeWatch(null, null, null, null);

    private final WorkspaceChanges changes;
    private final String dir;
    private final ChangeSnapshot before;
    private final RepoClaims.Claim claim;

    ChangeWatch(WorkspaceChanges changes, String dir, ChangeSnapshot before, RepoClaims.Claim claim) {
        this.changes = changes;
        this.dir = dir;
        this.before = before;
        this.claim = claim;
    }

    /**
     * @return the files the criterion changed, workspace-relative; a repository another criterion worked in
     * meanwhile is left out (its changes stay in the work tree, uncommitted), and said so in the log
     */
    public List<String> changed() {
        if (claim == null) {
            return List.of();
        }
        try {
            Set<String> contested = claim.contested();
            if (!contested.isEmpty()) {
                LOG.warn("changes in {} are not credited to this criterion: another criterion worked there at the "
                        + "same time (name the repository with `in:` to have it to itself)", contested);
            }
            return changes.since(before, dir, contested);
        } finally {
            claim.release();
        }
    }

    @Override
    public void close() {
        if (claim != null) {
            claim.release();
        }
    }
}
