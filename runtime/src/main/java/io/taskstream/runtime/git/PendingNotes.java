package io.taskstream.runtime.git;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.notes.Note;
import org.eclipse.jgit.notes.NoteMap;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The notes of published commits that are not on the remote's {@link GitTaskRepo#NOTES_REF} yet. A notes push
 * that still fails after its bounded tries leaves them here, and they go out with the next group's notes:
 * a box is never left without its evidence because of one failed push. Used inside the repo's lock only.
 */
final class PendingNotes {
    private final Map<ObjectId, String> pending = new LinkedHashMap<>();

    /** A notes commit built on one notes base, with the objects it adds. */
    record Built(ObjectId commit, NewObjects objects) {
    }

    void add(ObjectId commit, String text) {
        pending.merge(commit, text, (a, b) -> a + "\n" + b);
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    int size() {
        return pending.size();
    }

    void clear() {
        pending.clear();
    }

    /**
     * A notes commit whose parent is {@code base} (null: the first notes commit) and whose tree is the base's
     * notes plus the pending ones; a commit that already has a note keeps it, the new lines appended.
     */
    Built build(ObjectReader reader, ObjectId base, GitTaskRepo.Identity identity) throws IOException {
        NewObjects objects = new NewObjects();
        ObjectInserter inserter = objects.inserter();
        NoteMap notes;
        try (RevWalk walk = new RevWalk(reader)) {
            notes = base == null ? NoteMap.newEmptyMap() : NoteMap.read(reader, walk.parseCommit(base));
            for (Map.Entry<ObjectId, String> note : pending.entrySet()) {
                String text = note.getValue();
                Note existing = notes.getNote(note.getKey());
                if (existing != null) {
                    String before = new String(reader.open(existing.getData(), Constants.OBJ_BLOB).getBytes(),
                            StandardCharsets.UTF_8);
                    text = before.contains(text) ? before // published already, though the push seemed to fail
                            : before.endsWith("\n") ? before + text : before + "\n" + text;
                }
                notes.set(note.getKey(), text.endsWith("\n") ? text : text + "\n", inserter);
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(notes.writeTree(inserter));
            if (base != null) {
                commit.setParentId(base);
            }
            PersonIdent who = new PersonIdent(identity.name(), identity.email());
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage("Notes for " + pending.size() + (pending.size() == 1 ? " commit" : " commits") + "\n");
            return new Built(objects.add(Constants.OBJ_COMMIT, commit.build()), objects);
        }
    }
}
