package io.taskstream.runtime.git;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.util.Paths;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the trees of a new commit from a base tree and a set of changed paths, without an index: only the
 * trees along the changed paths are read and written again, bottom-up; every other subtree keeps its id.
 * The cost is that of the changed paths' directories, not of the repository.
 */
final class TreeRewriter {
    /** Git's canonical entry order: names bytewise, a tree's name as if it ended in '/'. */
    static final Comparator<BaseTrees.Entry> CANONICAL = (a, b) -> Paths.compare(
            a.name(), 0, a.name().length, a.mode().getBits(), b.name(), 0, b.name().length, b.mode().getBits());

    private final BaseTrees base;
    private final NewObjects out;

    /** The changes below one directory: files by name, subdirectories by name. */
    private static final class Dir {
        final Map<String, byte[]> files = new TreeMap<>();
        final Map<String, Dir> dirs = new TreeMap<>();
    }

    TreeRewriter(BaseTrees base, NewObjects out) {
        this.base = base;
        this.out = out;
    }

    /**
     * @param changes new contents by path; {@link FileOverlay#DELETED} removes the file, and a directory left
     *                empty disappears as git has no empty directories
     * @return the new root tree's id; the base's own id when nothing changed
     */
    ObjectId rewrite(ObjectId root, Map<String, byte[]> changes) throws IOException {
        Dir top = new Dir();
        changes.forEach((path, content) -> {
            String[] names = path.split("/");
            Dir dir = top;
            for (int i = 0; i < names.length - 1; i++) {
                dir = dir.dirs.computeIfAbsent(names[i], name -> new Dir());
            }
            dir.files.put(names[names.length - 1], content);
        });
        ObjectId tree = write(root, top);
        return tree != null ? tree : out.add(Constants.OBJ_TREE, new byte[0]);
    }

    /** @return the directory's new tree, or null when it has no entries left */
    private ObjectId write(ObjectId tree, Dir changes) throws IOException {
        // Entries keep the base tree's (canonical) order; only entries that are new or change between file and
        // tree need a place found, so the cost of a large directory is one pass, not a sort.
        Map<String, BaseTrees.Entry> kept = new LinkedHashMap<>(tree == null ? Map.of() : base.entries(tree));
        List<BaseTrees.Entry> placed = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : changes.files.entrySet()) {
            BaseTrees.Entry old = kept.get(file.getKey());
            if (file.getValue() == FileOverlay.DELETED) {
                if (old != null && !old.isTree()) {
                    kept.remove(file.getKey());
                }
                continue;
            }
            FileMode mode = old != null && FileMode.EXECUTABLE_FILE.equals(old.mode())
                    ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
            put(kept, placed, file.getKey(), new BaseTrees.Entry(nameOf(old, file.getKey()), mode,
                    store(Constants.OBJ_BLOB, file.getValue(), old == null ? null : old.id())));
        }
        for (Map.Entry<String, Dir> dir : changes.dirs.entrySet()) {
            BaseTrees.Entry old = kept.get(dir.getKey());
            ObjectId subtree = write(old != null && old.isTree() ? old.id() : null, dir.getValue());
            if (subtree == null) {
                if (old != null && old.isTree()) {
                    kept.remove(dir.getKey());
                }
            } else {
                put(kept, placed, dir.getKey(), new BaseTrees.Entry(nameOf(old, dir.getKey()), FileMode.TREE, subtree));
            }
        }
        if (kept.isEmpty() && placed.isEmpty()) {
            return null;
        }
        placed.sort(CANONICAL);
        TreeFormatter formatter = new TreeFormatter();
        merge(kept.values(), placed).forEach(e -> formatter.append(e.name(), e.mode(), e.id()));
        return store(Constants.OBJ_TREE, formatter.toByteArray(), tree);
    }

    /** Replaces in place what keeps its sort position (a file stays a file, a tree a tree); else places anew. */
    private static void put(Map<String, BaseTrees.Entry> kept, List<BaseTrees.Entry> placed, String name,
                            BaseTrees.Entry entry) {
        BaseTrees.Entry old = kept.get(name);
        if (old != null && old.isTree() == entry.isTree()) {
            kept.put(name, entry);
        } else {
            kept.remove(name);
            placed.add(entry);
        }
    }

    private static List<BaseTrees.Entry> merge(Collection<BaseTrees.Entry> sorted, List<BaseTrees.Entry> more) {
        List<BaseTrees.Entry> all = new ArrayList<>(sorted.size() + more.size());
        Iterator<BaseTrees.Entry> next = more.iterator();
        BaseTrees.Entry pending = next.hasNext() ? next.next() : null;
        for (BaseTrees.Entry e : sorted) {
            while (pending != null && CANONICAL.compare(pending, e) < 0) {
                all.add(pending);
                pending = next.hasNext() ? next.next() : null;
            }
            all.add(e);
        }
        for (; pending != null; pending = next.hasNext() ? next.next() : null) {
            all.add(pending);
        }
        return all;
    }

    /** Adds the object unless it is the one already there. */
    private ObjectId store(int type, byte[] bytes, ObjectId existing) {
        ObjectId id = out.idFor(type, bytes);
        return id.equals(existing) ? existing : out.add(type, bytes, id);
    }

    private static byte[] nameOf(BaseTrees.Entry old, String name) {
        return old != null ? old.name() : Constants.encode(name);
    }
}
