package io.taskstream.runtime.git;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.util.RawParseUtils;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The trees of a base commit as they are read, each parsed once: what edits look paths up in and what the
 * tree rewriter starts from. Only the trees along the paths asked for are ever read.
 */
final class BaseTrees {
    /** One entry of a tree, its name as the tree stores it (bytes, not necessarily UTF-8). */
    record Entry(byte[] name, FileMode mode, ObjectId id) {
        boolean isTree() {
            return FileMode.TREE.equals(mode);
        }

        boolean isFile() {
            return FileMode.REGULAR_FILE.equals(mode) || FileMode.EXECUTABLE_FILE.equals(mode);
        }

        boolean isSymlink() {
            return FileMode.SYMLINK.equals(mode);
        }
    }

    private final ObjectReader reader;
    private final Map<ObjectId, Map<String, Entry>> parsed = new HashMap<>();

    BaseTrees(ObjectReader reader) {
        this.reader = reader;
    }

    /** The tree's entries by name, in the tree's order. */
    Map<String, Entry> entries(ObjectId tree) throws IOException {
        Map<String, Entry> entries = parsed.get(tree);
        if (entries == null) {
            entries = new LinkedHashMap<>();
            CanonicalTreeParser parser = new CanonicalTreeParser();
            parser.reset(reader.open(tree, Constants.OBJ_TREE).getCachedBytes());
            for (; !parser.eof(); parser.next()) {
                byte[] name = Arrays.copyOf(parser.getEntryPathBuffer(), parser.getEntryPathLength());
                entries.put(RawParseUtils.decode(name),
                        new Entry(name, FileMode.fromBits(parser.getEntryRawMode()), parser.getEntryObjectId()));
            }
            entries = Collections.unmodifiableMap(entries);
            parsed.put(tree.copy(), entries);
        }
        return entries;
    }

    /** The entry at a slash-separated path below {@code root}, if there is one. */
    Optional<Entry> find(ObjectId root, String path) throws IOException {
        ObjectId tree = root;
        String[] names = path.split("/", -1);
        for (int i = 0; i < names.length; i++) {
            Entry entry = entries(tree).get(names[i]);
            if (entry == null || i == names.length - 1) {
                return Optional.ofNullable(entry);
            }
            if (!entry.isTree()) {
                return Optional.empty();
            }
            tree = entry.id();
        }
        return Optional.empty();
    }

    byte[] blob(ObjectId id) throws IOException {
        return reader.open(id, Constants.OBJ_BLOB).getBytes();
    }
}
