package io.taskstream.verifier.record;

import io.taskstream.events.data.TaskSnapshot;

import java.util.List;

/** Generated task files, each with numbered criteria "Criterion 1" … "Criterion n", none checked. */
final class TaskFiles {
    private TaskFiles() {
    }

    static String id(int n) {
        return String.format("TASK-%04d", n);
    }

    static String path(int n) {
        return "tasks/active/" + id(n) + ".md";
    }

    static String criterion(int number) {
        return "Criterion " + number;
    }

    static String text(int n, int criteria) {
        StringBuilder text = new StringBuilder("""
                ---
                id: %s
                title: Generated task %d
                priority: medium
                status: active
                created: 2025-10-15
                updated: 2025-10-16
                ---

                # %s: Generated task %d

                ## Acceptance Criteria
                """.formatted(id(n), n, id(n), n));
        for (int c = 1; c <= criteria; c++) {
            text.append("- [ ] ").append(criterion(c)).append("\n  - run: `true`\n");
        }
        return text.append("\n## Progress Log\n- 2025-10-16 09:00: Task created\n").toString();
    }

    static TaskSnapshot snapshot(int n) {
        return new TaskSnapshot(id(n), "Generated task " + n, "medium", "active", path(n), List.of(), List.of(),
                "generic", List.of());
    }
}
