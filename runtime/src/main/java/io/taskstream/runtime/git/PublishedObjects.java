package io.taskstream.runtime.git;

import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.util.zip.Deflater;

/**
 * What the clone published since its tracking ref last moved. Writing each group's objects into the clone
 * as loose files, and moving the ref, would double the file operations of every record; instead they are
 * appended to one pack being written, which readers from {@link #newReader} already see, and the pack is
 * put in place and the ref moved every {@value #FLUSH_OBJECTS} objects, or before anything else reads the
 * clone. Lost unflushed objects cost nothing but a rejected push: the ref still names an older commit, and
 * the next group fetches the remote's before building again.
 */
final class PublishedObjects implements AutoCloseable {
    static final int FLUSH_OBJECTS = 2_000;

    private final Repository clone;
    private final String trackingRef;
    private PackInserter pack;
    private ObjectId head;
    private ObjectId notesHead;
    private int objects;

    PublishedObjects(Repository clone, String trackingRef) {
        this.clone = clone;
        this.trackingRef = trackingRef;
    }

    /** The remote branch's commit as the clone last published or fetched it; null when it has none. */
    ObjectId head() throws IOException {
        return head != null ? head : clone.resolve(trackingRef);
    }

    /** The remote's notes commit as the clone last published or fetched it; null when it has none. */
    ObjectId notesHead() throws IOException {
        return notesHead != null ? notesHead : clone.resolve(Clones.NOTES_TRACKING_REF);
    }

    /** A reader of the clone's objects and of everything published since the last flush. */
    ObjectReader newReader() {
        return pack != null ? pack.newReader() : clone.newObjectReader();
    }

    /** Takes the objects of a published commit, which becomes the head. */
    void published(NewObjects added, ObjectId commit) throws IOException {
        add(added);
        head = commit;
        if (objects >= FLUSH_OBJECTS) {
            flush();
        }
    }

    /** Takes the objects of a published notes commit, which becomes the notes head. */
    void publishedNotes(NewObjects added, ObjectId commit) throws IOException {
        add(added);
        notesHead = commit;
        if (objects >= FLUSH_OBJECTS) {
            flush();
        }
    }

    private void add(NewObjects added) throws IOException {
        if (pack == null) {
            pack = ((FileRepository) clone).getObjectDatabase().newPackInserter();
            pack.setCompressionLevel(Deflater.DEFAULT_COMPRESSION);
        }
        added.insertInto(pack);
        objects += added.count();
    }

    /** Puts the pack in place and moves the tracking refs to the heads. */
    void flush() throws IOException {
        if (pack == null) {
            return;
        }
        pack.flush();
        move(trackingRef, head);
        move(Clones.NOTES_TRACKING_REF, notesHead);
        close();
    }

    private void move(String ref, ObjectId to) throws IOException {
        if (to == null) {
            return;
        }
        RefUpdate update = clone.updateRef(ref);
        update.setNewObjectId(to);
        update.disableRefLog();
        RefUpdate.Result result = update.forceUpdate();
        if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NEW
                && result != RefUpdate.Result.NO_CHANGE) {
            throw new IOException("moving " + ref + " to " + to.name() + " failed: " + result);
        }
    }

    /** Forgets what is not flushed; the tracking refs stay where they were. */
    @Override
    public void close() {
        if (pack != null) {
            pack.close();
            pack = null;
        }
        head = null;
        notesHead = null;
        objects = 0;
    }
}
