package io.taskstream.runtime.git;

import io.taskstream.runtime.git.GitTaskRepo.Edit;
import io.taskstream.runtime.git.GitTaskRepo.GitException;
import io.taskstream.runtime.git.GitTaskRepo.Recorded;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One group of edits made into one commit and published: the edits run in order on an overlay of the
 * remote branch's commit as the clone last saw it; a member whose edit fails is left out; when the remote
 * moved meanwhile, the whole group is built again on its new commit. Runs inside the repo's lock.
 */
final class GroupCommit {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    static final int MAX_REJECTIONS = 10;

    /** A member's result: the commit that holds its change, or why it failed. */
    record Outcome(String commit, GitException failure) {
    }

    /** Brings the remote's newest commit into the clone. */
    @FunctionalInterface
    interface Fetch {
        ObjectId newest() throws GitException;
    }

    /** What the edits made of one base: a commit to publish (or none) and each member's part. */
    private record Built(ObjectId commit, NewObjects objects, GitException[] failures) {
        List<Outcome> outcomes(ObjectId holder) {
            return Arrays.stream(failures).map(f -> f == null ? new Outcome(holder.name(), null) : new Outcome(null, f))
                    .toList();
        }

        boolean anyFailed() {
            return Arrays.stream(failures).anyMatch(java.util.Objects::nonNull);
        }
    }

    private final PublishedObjects clone;
    private final RemoteBranch remote;
    private final String url;
    private final String branch;
    private final GitTaskRepo.Identity identity;
    private final Fetch fetch;

    GroupCommit(PublishedObjects clone, RemoteBranch remote, String url, String branch,
                GitTaskRepo.Identity identity, Fetch fetch) {
        this.clone = clone;
        this.remote = remote;
        this.url = url;
        this.branch = branch;
        this.identity = identity;
        this.fetch = fetch;
    }

    /**
     * @return one outcome per edit, in order
     * @throws GitException when the group as a whole could not be published: every member failed
     */
    List<Outcome> commit(List<Edit> edits) throws GitException {
        ObjectId base = head();
        boolean fetched = base == null;
        if (base == null) {
            base = fetch.newest();
        }
        for (int rejections = 0; ; ) {
            Built built = build(base, edits);
            if (built.anyFailed() && !fetched) {
                // The clone's view may be older than the commit the task was scanned at (a file pushed since):
                // a member that found nothing to edit gets one more look at the remote's newest commit.
                fetched = true;
                ObjectId newest = newestOrNull();
                if (newest != null && !newest.equals(base)) {
                    base = newest;
                    continue;
                }
            }
            if (built.commit() == null) {
                return built.outcomes(base);
            }
            ObjectId from = base;
            if (Retries.bounded("push to", url, branch, () -> remote.publish(from, built.commit(), built.objects()))) {
                keep(built);
                return built.outcomes(built.commit());
            }
            if (++rejections >= MAX_REJECTIONS) {
                throw new GitException("gave up after " + MAX_REJECTIONS + " rejected pushes to " + url + " (branch "
                        + branch + "): the remote kept moving", null);
            }
            LOG.debug("push of {} edits to {} rejected ({}), building them again on its new commit", edits.size(),
                    url, rejections);
            base = fetch.newest();
            fetched = true;
        }
    }

    private ObjectId newestOrNull() {
        try {
            return fetch.newest();
        } catch (GitException e) {
            LOG.warn("cannot fetch {} ({}) to look again for what a record did not find: {}", url, branch,
                    e.getMessage());
            return null;
        }
    }

    private Built build(ObjectId base, List<Edit> edits) throws GitException {
        try (ObjectReader reader = clone.newReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit parent = walk.parseCommit(base);
            BaseTrees trees = new BaseTrees(reader);
            FileOverlay files = new FileOverlay(trees, parent.getTree());
            GitException[] failures = new GitException[edits.size()];
            List<Recorded> records = new ArrayList<>();
            for (int i = 0; i < edits.size(); i++) {
                files.begin();
                try {
                    Recorded recorded = edits.get(i).apply(files);
                    if (recorded == null) {
                        files.discard();
                    } else {
                        files.keep();
                        records.add(recorded);
                    }
                } catch (IOException | RuntimeException e) {
                    files.discard();
                    failures[i] = new GitException("cannot edit the task repo: " + e.getMessage(), e);
                }
            }
            NewObjects objects = new NewObjects();
            ObjectId tree = records.isEmpty() ? parent.getTree()
                    : new TreeRewriter(trees, objects).rewrite(parent.getTree(), files.changes());
            if (tree.equals(parent.getTree())) {
                return new Built(null, objects, failures);
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            commit.setParentId(base);
            PersonIdent who = new PersonIdent(identity.name(), identity.email());
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(CommitMessage.of(records));
            return new Built(objects.add(Constants.OBJ_COMMIT, commit.build()), objects, failures);
        } catch (IOException e) {
            throw new GitException("cannot build on " + base.name() + " in the clone: " + e.getMessage(), e);
        }
    }

    private ObjectId head() throws GitException {
        try {
            return clone.head();
        } catch (IOException e) {
            throw new GitException("cannot read the clone's " + Clones.trackingRef(branch) + ": " + e.getMessage(), e);
        }
    }

    /** The clone keeps what was published: the next group builds on it. */
    private void keep(Built built) throws GitException {
        try {
            clone.published(built.objects(), built.commit());
        } catch (IOException e) {
            throw new GitException("published " + built.commit().name() + " to " + url + " but cannot keep it in "
                    + "the clone: " + e.getMessage(), e);
        }
    }
}
