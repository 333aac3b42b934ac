package io.taskstream.events.data;

import java.util.List;

/**
 * A task that cannot go on without help; its file says {@code status: blocked} with the reason in its log.
 *
 * @param needsHuman the blocker is for a person (no executable step, no verification), not a failure to retry later
 * @param blockers   one line per criterion that blocks it
 * @param commit     the task repo commit that records it
 */
public record TaskBlocked(String title, String reason, boolean needsHuman, List<String> blockers, String commit)
        implements EventData {
    public TaskBlocked {
        blockers = List.copyOf(blockers);
    }
}
