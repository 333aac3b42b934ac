package io.taskstream.scanner.scan;

import io.taskstream.events.data.ActionSpec;
import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.task.Criterion;
import io.taskstream.task.TaskFile;
import io.taskstream.task.TaskType;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Turns a parsed task file into the snapshot that travels in task events. */
public final class Snapshots {
    private Snapshots() {
    }

    public static TaskSnapshot of(ScannedTask task) {
        TaskFile f = task.file();
        String title = f.frontMatter().title().isBlank() ? f.title() : f.frontMatter().title();
        return new TaskSnapshot(f.id(), title, f.frontMatter().priority().name().toLowerCase(Locale.ROOT),
                f.frontMatter().status(), f.path(), f.frontMatter().labels(), f.frontMatter().dependsOn(),
                taskType(f.frontMatter().labels()), f.criteria().stream().map(Snapshots::criterion).toList(),
                branch(f));
    }

    private static String branch(TaskFile f) {
        Object branch = f.frontMatter().raw().get("branch");
        return branch instanceof String s ? s.strip() : "";
    }

    public static String taskType(List<String> labels) {
        return TaskType.fromLabels(labels).label();
    }

    private static CriterionSpec criterion(Criterion c) {
        return new CriterionSpec(c.number(), c.text(), c.line(), c.checked(), c.runs(), c.workingDir().orElse(""),
                c.env(), c.timeout().map(Duration::toSeconds).orElse(0L), c.verifies(), c.needs(),
                c.actions().stream().map(s -> new ActionSpec(s.key(), s.value(), s.line())).toList());
    }
}
