package io.taskstream.runtime.git;

import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.FS;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * A remote on this machine, written the way git's own receive-pack would, minus its housekeeping: the new
 * objects go into the remote's object database, then the branch moves by compare-and-swap from the commit
 * the group was built on (git's lock-file protocol, so git CLI writers and other processes interoperate).
 * Nothing here ever garbage-collects the remote: that is left to whoever owns it.
 */
final class LocalRemoteBranch implements RemoteBranch {
    /** Waits for a branch lock held by another writer whose update is under way, before calling it a rejection. */
    private static final int LOCK_WAITS = 20;

    private final Path path;
    private final String ref;
    private Repository remote;

    LocalRemoteBranch(Path path, String branch) {
        this.path = path;
        this.ref = "refs/heads/" + branch;
    }

    /** The remote's directory when the URL names a repository on this machine, else null. */
    static Path pathOf(String url) {
        if (url.startsWith("file:")) {
            return Path.of(URI.create(url)).toAbsolutePath();
        }
        boolean scpLike = url.indexOf(':') >= 0 && (url.indexOf('/') < 0 || url.indexOf(':') < url.indexOf('/'));
        return url.contains("://") || scpLike ? null : Path.of(url).toAbsolutePath();
    }

    @Override
    public boolean publish(ObjectId base, ObjectId commit, NewObjects objects) throws IOException {
        return publish(ref, base, commit, objects);
    }

    @Override
    public boolean publishNotes(ObjectId base, ObjectId commit, NewObjects objects) throws IOException {
        return publish(GitTaskRepo.NOTES_REF, base, commit, objects);
    }

    private boolean publish(String ref, ObjectId base, ObjectId commit, NewObjects objects) throws IOException {
        Repository repository = open();
        objects.insertInto(repository);
        ObjectId expected = base == null ? ObjectId.zeroId() : base;
        for (int wait = 0; ; wait++) {
            RefUpdate update = repository.updateRef(ref);
            update.setExpectedOldObjectId(expected);
            update.setNewObjectId(commit);
            update.setRefLogMessage("push", false);
            RefUpdate.Result result;
            try (RevWalk walk = new RevWalk(repository)) {
                result = update.update(walk);
            }
            switch (result) {
                case FAST_FORWARD:
                case NEW:
                    return true;
                case LOCK_FAILURE:
                    if (!java.util.Objects.equals(base, current(repository, ref)) || wait >= LOCK_WAITS) {
                        return false;
                    }
                    Retries.pause(1L + wait);
                    break;
                case REJECTED:
                    return false;
                default:
                    throw new IOException("the remote's " + ref + " could not be moved to " + commit.name()
                            + ": " + result);
            }
        }
    }

    private static ObjectId current(Repository repository, String ref) throws IOException {
        Ref current = repository.exactRef(ref);
        return current == null ? null : current.getObjectId();
    }

    /** Opened once; checked on every use, so that a remote deleted meanwhile is not written into again. */
    private Repository open() throws IOException {
        File dir = RepositoryCache.FileKey.resolve(path.toFile(), FS.DETECTED);
        if (dir == null) {
            close();
            throw new IOException("there is no git repository at " + path);
        }
        if (remote == null || !remote.getDirectory().equals(dir)) {
            close();
            remote = new FileRepository(dir);
        }
        return remote;
    }

    @Override
    public void close() {
        if (remote != null) {
            remote.close();
            remote = null;
        }
    }
}
