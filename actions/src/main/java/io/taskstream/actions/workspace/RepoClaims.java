package io.taskstream.actions.workspace;

import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLockInterruptionException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Who is working in which repository of a workspace, so that a criterion is credited only with changes nobody else
 * can have made. Tasks run side by side, and a file's change cannot tell which process made it.
 *
 * <ul>
 *   <li>The repository that holds a criterion's {@code in} directory is <em>held</em>: while the criterion runs,
 *   another criterion held by the same repository waits, in this process (one {@code RepoClaims} per process,
 *   shared by its executors) and in other processes sharing the workspace (an OS file lock in the repository's
 *   git directory, released by the OS if the process dies).</li>
 *   <li>Repositories inside the directory (every project repository, for a criterion at the workspace root) are
 *   only <em>watched</em>: nobody waits, and their changes are credited only if no other criterion worked in
 *   them in the meantime; otherwise they are {@link Claim#contested() contested} and credited to nobody but the
 *   criterion that held the repository.</li>
 * </ul>
 * Not detected: two criteria in different processes that both only watch a repository and change it at once.
 */
public final class RepoClaims {
    static final String LOCK_FILE = "taskstream-criterion.lock";

    private final Map<Path, RepoState> states = new ConcurrentHashMap<>();

    /**
     * Claims the repositories of a criterion before its steps run; waits while another criterion holds {@code held}.
     *
     * @param root    the workspace; repositories are named as {@link WorkspaceRepos#dirs()} names them
     * @param held    the repository holding the criterion's directory, if any
     * @param watched repositories inside the criterion's directory
     */
    public Claim claim(Path root, Optional<String> held, List<String> watched) throws InterruptedException {
        List<Watched> watching = new ArrayList<>();
        Held holding = null;
        try {
            if (held.isPresent()) {
                holding = hold(state(root, held.get()));
            }
            for (String dir : watched) {
                RepoState state = state(root, dir);
                watching.add(new Watched(dir, state, state.enter(), peek(state)));
            }
        } catch (InterruptedException | RuntimeException e) {
            new Claim(holding, watching).release();
            throw e;
        }
        return new Claim(holding, watching);
    }

    /**
     * Holds one repository, as a criterion running in it does: for the verifier's commit there, so that it neither
     * waits on nor moves HEAD under a criterion's running steps.
     */
    public Claim hold(Path root, String dir) throws InterruptedException {
        return claim(root, Optional.of(dir), List.of());
    }

    private Held hold(RepoState state) throws InterruptedException {
        state.holder.acquire();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile(state.tree), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            channel.lock();
            writeSeq(channel, readSeq(channel) + 1);
        } catch (FileLockInterruptionException | ClosedByInterruptException e) {
            closeQuietly(channel);
            state.holder.release();
            throw new InterruptedException("interrupted while waiting for " + state.tree);
        } catch (IOException | OverlappingFileLockException e) {
            // A git directory we cannot write to, or locked by another RepoClaims of this process (there should be
            // one per process): others are not told, and this process's criteria still take turns.
            closeQuietly(channel);
            channel = null;
        }
        state.enter();
        return new Held(state, channel);
    }

    /** What other processes are doing in a repository: whether one holds it now, and how many held it so far. */
    private static Peek peek(RepoState state) {
        // A lock this process takes on a file it already locks throws instead of waiting: ask our holder first.
        if (!state.holder.tryAcquire()) {
            return Peek.HELD;
        }
        try (FileChannel channel = FileChannel.open(lockFile(state.tree), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE); var lock = channel.tryLock()) {
            return lock == null ? Peek.HELD : new Peek(false, readSeq(channel));
        } catch (IOException | OverlappingFileLockException e) {
            return Peek.HELD;
        } finally {
            state.holder.release();
        }
    }

    private RepoState state(Path root, String dir) {
        return states.computeIfAbsent(WorkspaceRepos.resolve(root, dir).toAbsolutePath().normalize(), RepoState::new);
    }

    private static Path lockFile(Path tree) throws IOException {
        try {
            return new FileRepositoryBuilder().setWorkTree(tree.toFile()).setup().getGitDir().toPath()
                    .resolve(LOCK_FILE);
        } catch (IllegalArgumentException e) {
            throw new IOException("no git directory for " + tree, e);
        }
    }

    private static long readSeq(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void writeSeq(FileChannel channel, long seq) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((seq + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing releases the lock; nothing else to undo.
            }
        }
    }

    /** A criterion's hold on its repositories, from before its steps run until they are done. */
    public static final class Claim {
        private final Held held;
        private final List<Watched> watched;
        private boolean released;

        private Claim(Held held, List<Watched> watched) {
            this.held = held;
            this.watched = watched;
        }

        /**
         * The watched repositories that another criterion worked in while this one ran (asked before
         * {@link #release()}); their changes may be that criterion's.
         */
        public Set<String> contested() {
            Set<String> out = new TreeSet<>();
            for (Watched w : watched) {
                if (w.state.othersSince(w.entry) || w.before.differsFrom(peek(w.state))) {
                    out.add(w.dir);
                }
            }
            return out;
        }

        /** Lets the next criterion in; safe to call twice. */
        public void release() {
            if (released) {
                return;
            }
            released = true;
            watched.forEach(w -> w.state.leave());
            if (held != null) {
                held.state.leave();
                closeQuietly(held.channel);
                held.state.holder.release();
            }
        }
    }

    /** @param channel its OS lock, released by closing it; null when no other process could be told */
    private record Held(RepoState state, FileChannel channel) {
    }

    private record Watched(String dir, RepoState state, Entry entry, Peek before) {
    }

    /** @param held whether another process held the repository (or we could not tell) */
    private record Peek(boolean held, long seq) {
        static final Peek HELD = new Peek(true, -1);

        boolean differsFrom(Peek after) {
            return held || after.held || seq != after.seq;
        }
    }

    /**
     * @param number  how many criteria had entered the repository, this one included
     * @param crowded whether others were in it already
     */
    private record Entry(long number, boolean crowded) {
    }

    /** This process's criteria in one repository: how many entered it so far, and how many are in it now. */
    private static final class RepoState {
        final Semaphore holder = new Semaphore(1, true);
        final Path tree;
        private long entered;
        private int inside;

        RepoState(Path tree) {
            this.tree = tree;
        }

        synchronized Entry enter() {
            entered++;
            inside++;
            return new Entry(entered, inside > 1);
        }

        synchronized void leave() {
            inside--;
        }

        /** Whether someone else was in the repository at {@code entry}, or came in since. */
        synchronized boolean othersSince(Entry entry) {
            return entry.crowded() || entered != entry.number();
        }
    }
}
