package io.taskstream.events.data;

import java.util.List;

/**
 * A task file as the scanner read it at one commit.
 *
 * @param path     repo-relative path, e.g. {@code tasks/active/TASK-002.md}
 * @param taskType build, deployment, configuration, verification or general (from the labels)
 */
public record TaskSnapshot(String id, String title, String priority, String status, String path,
                           List<String> labels, List<String> dependsOn, String taskType,
                           List<CriterionSpec> criteria) {
    public TaskSnapshot {
        labels = List.copyOf(labels);
        dependsOn = List.copyOf(dependsOn);
        criteria = List.copyOf(criteria);
    }

    public CriterionSpec criterion(int number) {
        return criteria.stream().filter(c -> c.number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + " has no criterion " + number));
    }
}
