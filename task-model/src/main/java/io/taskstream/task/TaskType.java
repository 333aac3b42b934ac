package io.taskstream.task;

import java.util.List;
import java.util.Locale;

/** The kind of work a task is, from its labels (seed 001's table); first match wins. */
public enum TaskType {
    BUILD("builds", "build", "registry"),
    DEPLOYMENT("deployment", "flux"),
    CONFIGURATION("infrastructure", "networking", "security"),
    VERIFICATION("verification", "health"),
    GENERAL;

    private final List<String> labels;

    TaskType(String... labels) {
        this.labels = List.of(labels);
    }

    public static TaskType fromLabels(List<String> labels) {
        List<String> lower = labels.stream().map(l -> l.toLowerCase(Locale.ROOT)).toList();
        for (TaskType t : values()) {
            if (t.labels.stream().anyMatch(lower::contains)) {
                return t;
            }
        }
        return GENERAL;
    }

    /** @return the lower-case name used in events and reports, e.g. {@code build} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the labels that make a task of this type */
    public List<String> labels() {
        return labels;
    }
}
