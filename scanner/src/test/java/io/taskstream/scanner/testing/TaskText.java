package io.taskstream.scanner.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A task file written the way the seeds' task repos are. Front matter lines are fixed: 1 {@code ---},
 * 2 id, 3 title, 4 priority, 5 status, 6 labels, 7 depends_on, 8 created (when given), then updated and {@code ---}.
 */
public final class TaskText {
    public static final int ID_LINE = 2;
    public static final int PRIORITY_LINE = 4;
    public static final int DEPENDS_ON_LINE = 7;

    private final String id;
    private final String title;
    private String priority = "medium";
    private String status = "active";
    private List<String> labels = List.of("verification");
    private List<String> dependsOn = List.of();
    private String created = "2025-10-16";
    private String context = "Carried over from the 2025-10-17 session report.";
    private String criteria = """
            - [ ] Registry answers on the loopback port-forward
              - run: `curl -fs http://127.0.0.1:5000/v2/_catalog`
              - verify: `curl -fs http://127.0.0.1:5000/v2/_catalog | grep -q repositories`
            """;

    private TaskText(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public static TaskText task(String id, String title) {
        return new TaskText(id, title);
    }

    public TaskText priority(String priority) {
        this.priority = priority;
        return this;
    }

    public TaskText status(String status) {
        this.status = status;
        return this;
    }

    public TaskText labels(String... labels) {
        this.labels = List.of(labels);
        return this;
    }

    public TaskText dependsOn(String... ids) {
        this.dependsOn = List.of(ids);
        return this;
    }

    /** {@code ""} leaves the key out. */
    public TaskText created(String created) {
        this.created = created;
        return this;
    }

    public TaskText context(String context) {
        this.context = context;
        return this;
    }

    /** The bullets under {@code ## Acceptance Criteria}, each line ending in a newline. */
    public TaskText criteria(String criteria) {
        this.criteria = criteria;
        return this;
    }

    public String id() {
        return id;
    }

    public String render() {
        StringBuilder s = new StringBuilder("---\n")
                .append("id: ").append(id).append('\n')
                .append("title: ").append(title).append('\n')
                .append("priority: ").append(priority).append('\n')
                .append("status: ").append(status).append('\n')
                .append("labels: [").append(String.join(", ", labels)).append("]\n")
                .append("depends_on: [").append(String.join(", ", dependsOn)).append("]\n");
        if (!created.isEmpty()) {
            s.append("created: ").append(created).append('\n');
        }
        return s.append("updated: 2025-10-17\n")
                .append("---\n\n")
                .append("# ").append(id).append(": ").append(title).append("\n\n")
                .append(context).append("\n\n")
                .append("## Acceptance Criteria\n")
                .append(criteria)
                .append("\n## Progress Log\n")
                .append("- 2025-10-17 09:30: Task created\n")
                .toString();
    }

    /** Writes {@code <folder>/<id>.md} under the work tree and returns its path. */
    public Path writeTo(Path workTree, String folder) throws IOException {
        return write(workTree, folder + "/" + id + ".md", render());
    }

    public static Path write(Path workTree, String relativePath, String text) throws IOException {
        Path file = workTree.resolve(relativePath);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** What the pipeline does when every criterion is verified: status completed, file moved to tasks/completed/. */
    public static Path archive(Path workTree, String relativePath) throws IOException {
        Path from = workTree.resolve(relativePath);
        String text = Files.readString(from).replaceFirst("(?m)^status: .*$", "status: completed");
        Path to = write(workTree, "tasks/completed/" + from.getFileName(), text);
        Files.delete(from);
        return to;
    }
}
