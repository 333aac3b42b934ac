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
    private record Built(ObjectId commit, NewObjects objects, GitException[] failures, String note) {
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
    private final PendingNotes notes;
    private io.taskstream.runtime.metrics.Meters meters = io.taskstream.runtime.metrics.Meters.NONE;

    GroupCommit(PublishedObjects clone, RemoteBranch remote, String url, String branch,
                GitTaskRepo.Identity identity, Fetch fetch, PendingNotes notes) {
        this.clone = clone;
        this.remote = remote;
        this.url = url;
        this.branch = branch;
        this.identity = identity;
        this.fetch = fetch;
        this.notes = notes;
    }

    GroupCommit measuredBy(io.taskstream.runtime.metrics.Meters meters) {
        this.meters = meters;
        return this;
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
            long pushStart = System.nanoTime();
            boolean pushed = Retries.bounded("push to", url, branch,
                    () -> remote.publish(from, built.commit(), built.objects()));
            meters.pushed(java.time.Duration.ofNanos(System.nanoTime() - pushStart));
            if (pushed) {
                keep(built);
                if (built.note() != null) {
                    notes.add(built.commit(), built.note());
                }
                publishNotes();
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

    /**
     * Publishes the pending notes right after the branch, with the same bounded tries, built again on the
     * remote's notes when someone else's came first. What still fails stays pending for the next group: the
     * branch is published, and its records succeeded.
     */
    private void publishNotes() {
        if (notes.isEmpty()) {
            return;
        }
        try {
            for (int rejections = 0; ; ) {
                ObjectId base = notesHead();
                PendingNotes.Built built;
                try (ObjectReader reader = clone.newReader()) {
                    built = notes.build(reader, base, identity);
                } catch (IOException e) {
                    throw new GitException("cannot build the notes on " + base + ": " + e.getMessage(), e);
                }
                if (Retries.bounded("push notes to", url, GitTaskRepo.NOTES_REF,
                        () -> remote.publishNotes(base, built.commit(), built.objects()))) {
                    notes.clear();
                    try {
                        clone.publishedNotes(built.objects(), built.commit());
                    } catch (IOException e) {
                        LOG.warn("published notes {} to {} but cannot keep them in the clone: {}",
                                built.commit().name(), url, e.getMessage());
                    }
                    return;
                }
                if (++rejections >= MAX_REJECTIONS) {
                    throw new GitException("gave up after " + MAX_REJECTIONS + " rejected pushes of "
                            + GitTaskRepo.NOTES_REF + " to " + url, null);
                }
                fetch.newest();
            }
        } catch (GitException e) {
            LOG.error("the notes of {} commits are not published yet; they go with the next commit's: {}",
                    notes.size(), e.getMessage());
        }
    }

    private ObjectId notesHead() throws GitException {
        try {
            return clone.notesHead();
        } catch (IOException e) {
            throw new GitException("cannot read the clone's notes ref: " + e.getMessage(), e);
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
                return new Built(null, objects, failures, null);
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            commit.setParentId(base);
            PersonIdent who = new PersonIdent(identity.name(), identity.email());
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(CommitMessage.of(records));
            return new Built(objects.add(Constants.OBJ_COMMIT, commit.build()), objects, failures,
                    note(files, records));
        } catch (IOException e) {
            throw new GitException("cannot build on " + base.name() + " in the clone: " + e.getMessage(), e);
        }
    }

    /**
     * The annotations' lines, each made from its file as the group's commit holds it (a later record of the
     * group may have changed the file again); null when no record has one. A note that cannot be made is left
     * out, loudly: the change itself is committed.
     */
    private static String note(FileOverlay files, List<Recorded> records) throws IOException {
        StringBuilder note = new StringBuilder();
        for (Recorded r : records) {
            if (r.annotation() == null) {
                continue;
            }
            try {
                String line = r.annotation().text().of(files.read(r.annotation().path()).orElse(null));
                if (line != null) {
                    note.append(line.strip()).append('\n');
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("no note for {} ({}): {}", r.label(), r.annotation().path(), e.toString());
            }
        }
        return note.length() == 0 ? null : note.toString();
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
