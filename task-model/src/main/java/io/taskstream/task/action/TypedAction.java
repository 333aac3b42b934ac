package io.taskstream.task.action;

import io.taskstream.task.TaskType;

import java.util.Set;

/**
 * A typed action step as written in a task file, parsed and validated. Parsing throws
 * {@link IllegalArgumentException} with a sentence a person can act on; the task file parser adds file and line.
 */
public sealed interface TypedAction permits TlsAction, HttpAction, BuildAction, SetImageAction, K8sReadyAction {

    /** @return the step key, e.g. {@code tls} */
    String kind();

    /** @return true when the action only looks (a check); false when it changes something */
    boolean readOnly();

    /** @return true when the action talks to a Kubernetes cluster */
    default boolean touchesCluster() {
        return false;
    }

    /** @return the task types the action is allowed in */
    default Set<TaskType> allowedIn() {
        return Set.of(TaskType.values());
    }

    static TypedAction parse(String kind, String value) {
        return switch (kind) {
            case TlsAction.KIND -> TlsAction.parse(value);
            case HttpAction.KIND -> HttpAction.parse(value);
            case BuildAction.KIND -> BuildAction.parse(value);
            case SetImageAction.KIND -> SetImageAction.parse(value);
            case K8sReadyAction.KIND -> K8sReadyAction.parse(value);
            default -> throw new IllegalArgumentException("'" + kind + "' is not a typed action");
        };
    }
}
