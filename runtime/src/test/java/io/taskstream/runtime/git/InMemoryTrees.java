package io.taskstream.runtime.git;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trees written the independent way, through JGit's index (which sorts and nests entries itself), into an
 * in-memory repository: what the tree rewriter's results are compared with.
 */
final class InMemoryTrees implements AutoCloseable {
    /** A file's mode and text. */
    record File(FileMode mode, String text) {
        static File regular(String text) {
            return new File(FileMode.REGULAR_FILE, text);
        }
    }

    final InMemoryRepository repository = new InMemoryRepository(new DfsRepositoryDescription("trees"));

    /** The tree holding exactly these files, by slash-separated path. */
    ObjectId tree(Map<String, File> files) throws IOException {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            for (Map.Entry<String, File> file : new TreeMap<>(files).entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(file.getKey());
                entry.setFileMode(file.getValue().mode());
                entry.setObjectId(inserter.insert(Constants.OBJ_BLOB,
                        file.getValue().text().getBytes(StandardCharsets.UTF_8)));
                builder.add(entry);
            }
            builder.finish();
            ObjectId tree = index.writeTree(inserter);
            inserter.flush();
            return tree;
        }
    }

    /** The id of the subtree at a path of a tree. */
    ObjectId subtree(ObjectId root, String path) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(repository, path, root)) {
            return walk.getObjectId(0);
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}
