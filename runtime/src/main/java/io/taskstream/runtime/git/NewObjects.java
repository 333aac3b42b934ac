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

    /** An inserter that adds to these objects (what JGit's builders, such as a note map, write through). */
    ObjectInserter inserter() {
        return new ObjectInserter() {
            @Override
            public ObjectId insert(int type, byte[] data, int off, int len) {
                return add(type, java.util.Arrays.copyOfRange(data, off, off + len));
            }

            @Override
            public ObjectId insert(int type, long length, java.io.InputStream in) throws IOException {
                byte[] bytes = in.readNBytes(Math.toIntExact(length));
                if (bytes.length != length) {
                    throw new IOException("expected " + length + " bytes, read " + bytes.length);
                }
                return add(type, bytes);
            }

            @Override
            public org.eclipse.jgit.transport.PackParser newPackParser(java.io.InputStream in) {
                throw new UnsupportedOperationException("objects are added one by one");
            }

            @Override
            public org.eclipse.jgit.lib.ObjectReader newReader() {
                throw new UnsupportedOperationException("these objects are not read back");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
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
