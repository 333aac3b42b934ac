package io.taskstream.runtime.git;

import org.eclipse.jgit.lib.ObjectId;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files of a base commit with the edits of one group on top, in memory: an edit reads what the edits
 * before it left and writes or deletes whole files by their slash-separated path in the repository. Nothing
 * is checked out; files are read from the object database when first asked for. Symbolic links to a file
 * inside the repository are followed the way a file system would: reading and writing go to the file the
 * link leads to, deleting removes the link. Used by one thread at a time.
 */
public final class FileOverlay {
    /** Marks a deleted path among the changes. */
    static final byte[] DELETED = new byte[0];
    private static final int MAX_LINKS = 8;

    private final BaseTrees base;
    private final ObjectId root;
    private final Map<String, byte[]> kept = new HashMap<>();
    private final Map<String, byte[]> staged = new HashMap<>();

    FileOverlay(BaseTrees base, ObjectId root) {
        this.base = base;
        this.root = root;
    }

    /** Whether a file (or a link to one inside the repository) is at {@code path}. */
    public boolean isFile(String path) throws IOException {
        return read(path).isPresent();
    }

    /** The file's bytes, following links inside the repository; empty when there is no file there. */
    public Optional<byte[]> read(String path) throws IOException {
        String target = resolve(path);
        if (target == null) {
            return Optional.empty();
        }
        byte[] changed = changed(target);
        if (changed != null) {
            return changed == DELETED ? Optional.empty() : Optional.of(changed.clone());
        }
        Optional<BaseTrees.Entry> entry = base.find(root, target);
        return entry.isPresent() && entry.get().isFile() ? Optional.of(base.blob(entry.get().id())) : Optional.empty();
    }

    /** Writes a whole file; through a link to a file inside the repository, to that file. */
    public void write(String path, byte[] bytes) throws IOException {
        String target = resolve(path);
        if (target == null) {
            throw new IOException("cannot write " + path + ": not a path inside the repository");
        }
        staged.put(target, bytes.clone());
    }

    /** Removes the file (or the link itself) at {@code path}; a directory left empty disappears with it. */
    public void delete(String path) throws IOException {
        String normal = normalize(path);
        if (normal == null) {
            throw new IOException("cannot delete " + path + ": not a path inside the repository");
        }
        staged.put(normal, DELETED);
    }

    /** Starts one edit: what it writes can be kept or discarded as a whole. */
    void begin() {
        staged.clear();
    }

    void keep() {
        kept.putAll(staged);
        staged.clear();
    }

    void discard() {
        staged.clear();
    }

    /** Every kept change by path; a deletion is {@link #DELETED}. */
    SortedMap<String, byte[]> changes() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(kept));
    }

    private byte[] changed(String path) {
        byte[] bytes = staged.get(path);
        return bytes != null ? bytes : kept.get(path);
    }

    /** The path with links followed, or null when it leaves the repository or links go round. */
    private String resolve(String path) throws IOException {
        String current = normalize(path);
        for (int hops = 0; current != null && hops <= MAX_LINKS; hops++) {
            if (changed(current) != null) {
                return current;
            }
            Optional<BaseTrees.Entry> entry = base.find(root, current);
            if (entry.isEmpty() || !entry.get().isSymlink()) {
                return current;
            }
            String link = new String(base.blob(entry.get().id()), StandardCharsets.UTF_8);
            int slash = current.lastIndexOf('/');
            String linked = slash < 0 ? link : current.substring(0, slash + 1) + link;
            current = link.startsWith("/") ? null : normalize(linked);
        }
        return null;
    }

    /**
     * The path as the repository names it (no "." or ".." segments, no doubled slashes), or null when it is
     * empty, absolute or leads out of the repository.
     */
    public static String normalize(String path) {
        if (path.isEmpty() || path.startsWith("/")) {
            return null;
        }
        Deque<String> names = new ArrayDeque<>();
        for (String name : path.split("/")) {
            if (name.equals("..")) {
                if (names.pollLast() == null) {
                    return null;
                }
            } else if (!name.isEmpty() && !name.equals(".")) {
                names.addLast(name);
            }
        }
        return names.isEmpty() ? null : String.join("/", names);
    }
}
