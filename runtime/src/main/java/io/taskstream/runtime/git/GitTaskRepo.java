package io.taskstream.runtime.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A clone of the task repo, kept by one owner: the scanner's with a work tree ({@link #GitTaskRepo the
 * constructor}), the verifier's without one ({@link #bare}). Every method is thread-safe.
 *
 * <p><b>Writing.</b> {@link #record} applies an edit to the remote branch's newest commit and publishes
 * it. Concurrent records are committed in groups (one commit, one push for everything pending when the
 * previous group was done), built without index or work tree: the edited files are read from the object
 * database and only the trees along the changed paths are written again. When the remote moved meanwhile,
 * the group is built again on the remote's new commit; a failing edit fails only its own record.
 *
 * <p><b>Never corrupting a repository.</b> Every clone this class creates or opens gets {@code gc.auto=0},
 * {@code gc.autoPackLimit=0} and {@code receive.autogc=false} in its saved configuration, so JGit never
 * collects garbage implicitly (its automatic GC after a fetch runs in the background and may delete a pack
 * that another thread is reading). A remote on this machine ({@code file:} URL or path) is not pushed to
 * with JGit's in-process receive-pack, which would collect the remote's garbage when the remote's own
 * configuration says so: the commit's new objects are written into the remote's object database and its
 * branch is moved by compare-and-swap from the commit the group was built on, with git's lock-file
 * protocol. Other remotes get JGit's ordinary push. Housekeeping is explicit: when the clone has more than
 * {@value Housekeeping#PACK_LIMIT} packs it is collected by its owner at a safe point, inside this object's
 * lock, where no reader is open. A remote is never collected from here.
 *
 * <p><b>Failures end.</b> Fetches and pushes that fail are tried {@value Retries#TRIES} times with a short
 * pause; a remote that keeps moving is built on again at most {@value GroupCommit#MAX_REJECTIONS} times.
 * Then a {@link GitException} says what failed, where and why.
 */
public final class GitTaskRepo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GitTaskRepo.class);
    /** The trailer that marks the pipeline's own commits. */
    public static final String RUN_TRAILER = "Taskstream-Run: ";
    /** The trailer naming the event a commit records, one per recorded change. */
    public static final String EVENT_TRAILER = "Taskstream-Event: ";

    private final String remote;
    private final String branch;
    private final Path dir;
    private final Identity identity;
    private final boolean bare;
    private final GroupCommitter committer = new GroupCommitter(this::commitGroup);
    /** Notes of published commits whose notes push has not succeeded yet: they go with the next group's. */
    private final PendingNotes notes = new PendingNotes();
    private volatile io.taskstream.runtime.metrics.Meters meters = io.taskstream.runtime.metrics.Meters.NONE;
    private Git git;
    private PublishedObjects published;
    private RemoteBranch remoteBranch;
    private boolean closed;

    /** Who the commits are by. */
    public record Identity(String name, String email) {
    }

    /** A clone with a work tree at {@code dir}, made on the first {@link #sync} or {@link #fetch}. */
    public GitTaskRepo(String remote, String branch, Path dir, Identity identity) {
        this(remote, branch, dir, identity, false);
    }

    private GitTaskRepo(String remote, String branch, Path dir, Identity identity, boolean bare) {
        this.remote = remote;
        this.branch = branch;
        this.dir = dir;
        this.identity = identity;
        this.bare = bare;
    }

    /**
     * A clone without a work tree (objects and refs only) at {@code dir}, made on first use: all that
     * {@link #record}, {@link #read} and {@link #changes} need. An existing clone with a work tree is used
     * as it is.
     */
    public static GitTaskRepo bare(String remote, String branch, Path dir, Identity identity) {
        return new GitTaskRepo(remote, branch, dir, identity, true);
    }

    /** @throws IllegalStateException for a {@link #bare} clone */
    public Path workTree() {
        if (bare) {
            throw new IllegalStateException("the clone at " + dir + " has no work tree");
        }
        return dir;
    }

    public String branch() {
        return branch;
    }

    /** Brings the clone to the remote branch's newest commit, discarding local changes to the work tree. */
    public synchronized String sync() throws GitException {
        ObjectId head = fetchNewest();
        if (!bare) {
            try {
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef(head.name()).call();
                git.clean().setCleanDirectories(true).setForce(true).call();
            } catch (GitAPIException | RuntimeException e) {
                throw new GitException("cannot check out " + head.name() + " in " + dir + ": " + e.getMessage(), e);
            }
        }
        return head.name();
    }

    /**
     * Fetches the remote branch without touching the work tree: what an incremental read needs, since it
     * reads the changed files from the object database.
     *
     * @return the remote branch's newest commit
     */
    public synchronized String fetch() throws GitException {
        return fetchNewest().name();
    }

    private ObjectId fetchNewest() throws GitException {
        Git clone = flushed();
        ObjectId head = Retries.bounded("fetch from", remote, branch, () -> {
            clone.fetch().setRemote("origin").setRefSpecs(new RefSpec(Clones.trackingSpec(branch)),
                            new RefSpec(Clones.NOTES_TRACKING_SPEC)).setTagOpt(TagOpt.NO_TAGS).call();
            return clone.getRepository().resolve(Clones.trackingRef(branch));
        });
        if (head == null) {
            throw new GitException("the remote " + remote + " has no branch " + branch, null);
        }
        housekeep();
        return head;
    }

    /**
     * Applies the edit to the remote branch's newest commit and publishes it, usually together with the edits
     * other threads record at the same time. Blocks until published. The edit may be applied more than once
     * (on the remote's new commit, when somebody else published first), so it decides from what it reads;
     * it must not record through this repo itself.
     *
     * @return the commit that holds the change: the new one, or the current one when the edit found nothing
     * to change
     * @throws GitException when the edit failed (its cause is what the edit threw) or publishing failed
     */
    public String record(Edit edit) throws GitException {
        return committer.submit(edit);
    }

    /** Times this repo's pushes in {@code meters}. */
    public GitTaskRepo measuredBy(io.taskstream.runtime.metrics.Meters meters) {
        this.meters = meters;
        return this;
    }

    /** How many records wait for the group after the one being committed: a measure of the backlog. */
    public int pendingRecords() {
        return committer.pending();
    }

    /** Commits the edits as one group, in this thread; one outcome per edit. */
    synchronized List<GroupCommit.Outcome> commitGroup(List<Edit> edits) {
        List<GroupCommit.Outcome> outcomes;
        try {
            open();
            outcomes = new GroupCommit(published, remoteBranch, remote, branch, identity, this::fetchNewest, notes)
                    .measuredBy(meters).commit(edits);
        } catch (GitException e) {
            return edits.stream().map(edit -> new GroupCommit.Outcome(null, e)).toList();
        }
        try {
            housekeep();
        } catch (GitException e) {
            LOG.warn("housekeeping of {} failed; the group is published: {}", dir, e.getMessage());
        }
        return outcomes;
    }

    /** Changes the files of a commit; may be applied more than once, each time on a fresh overlay. */
    @FunctionalInterface
    public interface Edit {
        /** @return what changed, for the commit message; null when there was nothing to change */
        Recorded apply(FileOverlay files) throws IOException;
    }

    /**
     * What an edit changed.
     *
     * @param subject one line, e.g. {@code TASK-1: verified criterion 2 (Build)}: a lone change's commit
     *                subject, else its line in the group commit's body
     * @param details a paragraph under the subject, or null
     * @param label   its short name in a group commit's subject, e.g. {@code TASK-1 #2}
     */
    public record Recorded(String subject, String details, String label, String runId, String eventId,
                           Annotation annotation) {
        /** A change with no note. */
        public Recorded(String subject, String details, String label, String runId, String eventId) {
            this(subject, details, label, runId, eventId, null);
        }
    }

    /** Longest subject line of a group commit. */
    public static final int SUBJECT_LIMIT = 72;

    /**
     * The subject of a commit that holds several records: {@code Record N changes: <labels>}, the labels sorted
     * (not in the order records happened to arrive, so that a reader of the events can rebuild it) and cut after
     * the last one that fits in {@link #SUBJECT_LIMIT}.
     */
    public static String groupSubject(List<String> labels) {
        List<String> sorted = labels.stream().sorted().toList();
        StringBuilder subject = new StringBuilder("Record " + sorted.size() + " changes: ");
        for (int i = 0; i < sorted.size(); i++) {
            String label = sorted.get(i);
            boolean last = i == sorted.size() - 1;
            if (subject.length() + label.length() + (last ? 0 : ", …".length()) > SUBJECT_LIMIT) {
                return subject.append('…').toString();
            }
            subject.append(label).append(last ? "" : ", ");
        }
        return subject.toString();
    }

    /** The notes ref that {@link Annotation}s are published under, beside the branch. */
    public static final String NOTES_REF = "refs/notes/taskstream";

    /**
     * A git note (under {@link #NOTES_REF}) to attach to the commit that holds a change: made from one file as
     * that commit holds it, so that it can name the file's exact content even when other records of the group
     * changed the file too. Several records' notes on one commit are joined, one per line.
     *
     * @param path the file the note is about
     * @param text makes the note (one line) from the file's bytes at the commit; null bytes: the commit has no
     *             such file
     */
    public record Annotation(String path, NoteText text) {
    }

    /** Makes a note's line from the annotated file as the commit holds it. */
    @FunctionalInterface
    public interface NoteText {
        String of(byte[] committed) throws IOException;
    }

    /**
     * A file as a commit holds it.
     *
     * @param bytes null when the file is larger than the limit it was read with
     */
    public record Blob(byte[] bytes, boolean symlink, long size) {
    }

    /**
     * The file at {@code path} in {@code commit}, read from the object database; empty when there is none.
     * A file over {@code maxBytes} is not loaded, only sized.
     */
    public synchronized Optional<Blob> read(String commit, String path, long maxBytes) throws GitException {
        try {
            return CommitFiles.read(flushed().getRepository(), commit, path, maxBytes);
        } catch (IOException | RuntimeException e) {
            throw new GitException("cannot read " + path + " at " + commit + ": " + e.getMessage(), e);
        }
    }

    /** The remote branch's newest commit as this clone last saw it. */
    public synchronized String head() throws GitException {
        try {
            open();
            ObjectId id = published.head();
            if (id == null) {
                throw new GitException("the branch " + branch + " has no commit in " + dir, null);
            }
            return id.name();
        } catch (IOException e) {
            throw new GitException("cannot read the head of " + branch + ": " + e.getMessage(), e);
        }
    }

    /**
     * The commit that holds a change an edit found already made (a redelivered record), rather than the
     * branch's newest commit, which may be another's: walking back from the remote branch's commit as this
     * clone last saw it, the newest commit that changed {@code path} and whose message has a line starting
     * with {@code line} (a record's subject, which is a lone commit's subject and a line of a group commit's
     * body); failing that, the newest commit that changed {@code path}.
     *
     * @return empty when no commit within the last {@value #HOLDER_SEARCH} that changed the path qualifies
     */
    public synchronized Optional<String> holderOf(String path, String line) throws GitException {
        try {
            open();
            ObjectId head = published.head();
            if (head == null) {
                return Optional.empty();
            }
            return ChangeHolder.find(published.newReader(), head, path, line, HOLDER_SEARCH);
        } catch (IOException e) {
            throw new GitException("cannot look for the commit that changed " + path + ": " + e.getMessage(), e);
        }
    }

    /** How many commits that changed a file {@link #holderOf} looks at. */
    static final int HOLDER_SEARCH = 1_000;

    /**
     * One path that changed between two commits; for a rename both paths are given.
     *
     * @param byPipeline every commit that touched it in the range was the pipeline's own (it carries
     *                   {@link #RUN_TRAILER}): nothing a person changed
     */
    public record Change(String oldPath, String newPath, boolean byPipeline) {
        public boolean deleted() {
            return newPath == null;
        }
    }

    /**
     * What changed below {@code folder} between two commits, renames detected.
     *
     * @throws GitException when a commit is unknown (e.g. history was rewritten): the caller rescans in full
     */
    public synchronized List<Change> changes(String from, String to, String folder) throws GitException {
        try {
            return PathChanges.between(flushed(), from, to, folder);
        } catch (IOException | GitAPIException | RuntimeException e) {
            throw new GitException("cannot diff " + from + ".." + to + ": " + e.getMessage(), e);
        }
    }

    private Git open() throws GitException {
        if (closed) {
            throw new GitException("the clone at " + dir + " is closed", null);
        }
        if (git == null) {
            try {
                git = Clones.open(remote, branch, dir, bare);
                published = new PublishedObjects(git.getRepository(), Clones.trackingRef(branch));
                remoteBranch = RemoteBranch.of(remote, branch, git);
            } catch (IOException | GitAPIException | RuntimeException e) {
                release();
                throw new GitException("cannot open the clone of " + remote + " at " + dir + ": " + e.getMessage(), e);
            }
        }
        return git;
    }

    /** The clone with everything published put in place: what reading it directly, or fetching, needs. */
    private Git flushed() throws GitException {
        Git clone = open();
        try {
            published.flush();
        } catch (IOException e) {
            throw new GitException("cannot write the published objects into the clone at " + dir + ": "
                    + e.getMessage(), e);
        }
        return clone;
    }

    /** Collects the clone's garbage when it is due: here no reader is open, and nobody else reads the clone. */
    private void housekeep() throws GitException {
        if (Housekeeping.due(git.getRepository())) {
            flushed();
            Housekeeping.collect(git.getRepository());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        release();
    }

    private void release() {
        if (published != null) {
            try {
                published.flush();
            } catch (IOException e) {
                LOG.warn("the objects published last were not kept in {}: {}", dir, e.toString());
            }
            published.close();
            published = null;
        }
        if (remoteBranch != null) {
            remoteBranch.close();
            remoteBranch = null;
        }
        if (git != null) {
            git.close();
            git = null;
        }
    }

    /** A git operation on the task repo failed. */
    public static final class GitException extends Exception {
        public GitException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
