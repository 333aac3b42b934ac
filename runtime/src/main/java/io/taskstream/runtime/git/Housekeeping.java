package io.taskstream.runtime.git;

import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * The only garbage collection in this process, and only of a clone {@link GitTaskRepo} owns alone: run by
 * its owner at a safe point (inside its lock, no reader open), when fetches have left many packs or commits
 * many loose objects. Old packs are deleted at once: nobody else reads this clone.
 */
final class Housekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    static final int PACK_LIMIT = 50;
    static final int LOOSE_LIMIT = 10_000;

    private int looseSinceCollected;

    void inserted(int objects) {
        looseSinceCollected += objects;
    }

    /** Collects when it is due; a failure is logged, never fatal: the clone stays usable as it is. */
    void atSafePoint(Repository repository) {
        if (!(repository instanceof FileRepository file)) {
            return;
        }
        try {
            int packs = file.getObjectDatabase().getPacks().size();
            if (packs <= PACK_LIMIT && looseSinceCollected <= LOOSE_LIMIT) {
                return;
            }
            long start = System.nanoTime();
            GC gc = new GC(file);
            gc.setPackExpire(Instant.now());
            gc.gc().join();
            looseSinceCollected = 0;
            LOG.info("collected {} ({} packs before) in {} ms", file.getDirectory(), packs,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            LOG.warn("could not collect garbage in {}: {}", file.getDirectory(), e.toString());
        }
    }
}
