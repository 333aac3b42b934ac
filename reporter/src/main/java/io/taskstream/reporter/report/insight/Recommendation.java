package io.taskstream.reporter.report.insight;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Locale;

/**
 * Something a person should do next, derived from the run's events.
 *
 * @param action what to do, one sentence
 * @param why    what it releases or prevents
 * @param issues the critical issues it is about
 * @param tasks  the tasks it concerns
 */
public record Recommendation(Priority priority, String action, String why, List<Integer> issues,
                             List<String> tasks) {
    public Recommendation {
        issues = List.copyOf(issues);
        tasks = List.copyOf(tasks);
    }

    /** How soon. */
    public enum Priority {
        HIGH, MEDIUM, LOW;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
