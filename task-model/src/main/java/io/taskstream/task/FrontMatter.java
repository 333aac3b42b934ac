package io.taskstream.task;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The YAML block between the first line {@code ---} and the next {@code ---} line.
 * Absent optional keys are given as empty strings or lists, never null.
 *
 * @param id        task id, matches {@code [A-Za-z][A-Za-z0-9_.-]*}
 * @param title     {@code title}, or "" if absent
 * @param priority  {@code priority}, {@link Priority#DEFAULT} if absent
 * @param status    {@code status}, {@code "active"} if absent
 * @param labels    {@code labels}
 * @param dependsOn {@code depends_on}: ids of tasks that must be completed first
 * @param created   {@code created} as written (dates are not converted), or ""
 * @param updated   {@code updated} as written, or ""
 * @param raw       every top-level key with its SnakeYAML value (strings, numbers, booleans, lists, maps)
 * @param startLine 1-based line of the opening {@code ---}
 * @param endLine   1-based line of the closing {@code ---}
 */
public record FrontMatter(String id, String title, Priority priority, String status, List<String> labels,
                          List<String> dependsOn, String created, String updated, Map<String, Object> raw,
                          int startLine, int endLine) {

    /** The status a task gets when its front matter names none. */
    public static final String DEFAULT_STATUS = "active";

    /** Validates and copies the components. */
    public FrontMatter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
        labels = List.copyOf(labels);
        dependsOn = List.copyOf(dependsOn);
        // YAML values may be null, which Map.copyOf rejects
        raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
    }
}
