package io.taskstream.reporter.report;

import java.time.Instant;
import java.util.List;

/**
 * Why a task was blocked.
 *
 * @param needsHuman the blocker is for a person, not a failure to retry later
 * @param blockers   one line per criterion that blocks it
 * @param commit     the commit that recorded the block; null when none
 */
public record Blocking(String reason, boolean needsHuman, List<String> blockers, String commit, Instant time) {
    public Blocking {
        blockers = List.copyOf(blockers);
    }
}
