package io.taskstream.reporter.session;

import java.time.Instant;

/**
 * One event of a run as a line of its timeline.
 *
 * @param task  the task id, or the run id for run-wide events
 * @param event the short event name, e.g. {@code criterion.failed}
 * @param text  what happened, short enough for a table cell
 */
public record TimelineEntry(Instant time, String task, String event, String text, String eventId) {
}
