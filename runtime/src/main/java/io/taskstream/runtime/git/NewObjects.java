package io.taskstream.runtime.git;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects one commit adds (its blobs, the trees along the changed paths, the commit), kept in memory
 * with their ids computed, so that exactly these can be written into any object database: the remote's
 * before its branch is moved, the clone's once that succeeded.
 */
final class NewObjects {
    private record Added(int type, byte[] bytes) {
    }

    private final ObjectInserter.Formatter ids = new ObjectInserter.Formatter();
    private final List<Added> added = new ArrayList<>();

    ObjectId add(int type, byte[] bytes) {
        return add(type, bytes, ids.idFor(type, bytes));
    }

    /** Adds an object whose id {@link #idFor} already gave. */
    ObjectId add(int type, byte[] bytes, ObjectId id) {
        added.add(new Added(type, bytes));
        return id;
    }

    /** The id the object would have, without adding it. */
    ObjectId idFor(int type, byte[] bytes) {
        return ids.idFor(type, bytes);
    }

    int count() {
        return added.size();
    }

    /** Writes every object into the repository and flushes; objects it already has are left as they are. */
    void insertInto(Repository repository) throws IOException {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            insertInto(inserter);
            inserter.flush();
        }
    }

    /** Hands every object to the inserter, without flushing it. */
    void insertInto(ObjectInserter inserter) throws IOException {
        for (Added object : added) {
            inserter.insert(object.type(), object.bytes());
        }
    }
}
