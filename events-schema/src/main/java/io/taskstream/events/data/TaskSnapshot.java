package io.taskstream.events.data;

import java.util.List;

/**
 * A task file as the scanner read it at one commit.
 *
 * @param path     repo-relative path, e.g. {@code tasks/active/TASK-002.md}
 * @param taskType build, deployment, configuration, verification or general (from the labels)
 * @param branch   the git branch the task's working directories must be on (front matter {@code branch:});
 *                 empty when the task names none
 */
public record TaskSnapshot(String id, String title, String priority, String status, String path,
                           List<String> labels, List<String> dependsOn, String taskType,
                           List<CriterionSpec> criteria, String branch) {
    public TaskSnapshot {
        branch = branch == null ? "" : branch;
        labels = List.copyOf(labels);
        dependsOn = List.copyOf(dependsOn);
        criteria = List.copyOf(criteria);
    }

    /** A snapshot of a task that names no branch. */
    public TaskSnapshot(String id, String title, String priority, String status, String path, List<String> labels,
                        List<String> dependsOn, String taskType, List<CriterionSpec> criteria) {
        this(id, title, priority, status, path, labels, dependsOn, taskType, criteria, "");
    }

    public CriterionSpec criterion(int number) {
        return criteria.stream().filter(c -> c.number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + " has no criterion " + number));
    }
}
