package io.taskstream.reporter.report.insight;

import java.time.Instant;
import java.util.List;

/**
 * One task's lane of the run's timeline.
 *
 * @param waitingSince when it started waiting on dependencies; null when it never waited
 * @param start        when it became ready; null when it never did
 * @param end          when it completed, was blocked, withdrawn or planned; null when it did not end
 * @param outcome      its status in the report's words
 * @param line         the compact text, e.g. {@code TASK-2 09:30:05 → 09:31:50: #1 ✓ 60.0 s, #2 ✗✗ (retry), #3 skipped}
 */
public record TaskTimeline(String task, Instant waitingSince, Instant start, Instant end, String outcome,
                           List<String> waitingOn, String line) {
    public TaskTimeline {
        waitingOn = List.copyOf(waitingOn);
    }
}
