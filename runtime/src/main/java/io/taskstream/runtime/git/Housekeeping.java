package io.taskstream.runtime.git;

import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * The only garbage collection in this process, and only of a clone {@link GitTaskRepo} owns alone: run by
 * its owner at a safe point (inside its lock, with no reader open) once fetches and published groups have
 * left more than {@value #PACK_LIMIT} packs. Old packs are deleted at once: nobody else reads this clone.
 */
final class Housekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    static final int PACK_LIMIT = 50;

    private Housekeeping() {
    }

    static boolean due(Repository clone) {
        return clone instanceof FileRepository file && file.getObjectDatabase().getPacks().size() > PACK_LIMIT;
    }

    /** Repacks everything into one pack; a failure is logged, never fatal: the clone stays usable as it is. */
    static void collect(Repository clone) {
        FileRepository file = (FileRepository) clone;
        try {
            long start = System.nanoTime();
            GC gc = new GC(file);
            gc.setPackExpire(Instant.now());
            gc.gc().join();
            LOG.info("collected {} in {} ms", file.getDirectory(), (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            LOG.warn("could not collect garbage in {}: {}", file.getDirectory(), e.toString());
        }
    }
}
