package io.taskstream.actions;

import io.taskstream.events.data.ActionSpec;
import io.taskstream.task.action.BuildAction;
import io.taskstream.task.action.HttpAction;
import io.taskstream.task.action.K8sReadyAction;
import io.taskstream.task.action.SetImageAction;
import io.taskstream.task.action.TlsAction;
import io.taskstream.task.action.TypedAction;

/** Turns a typed action as written into its step; the scanner has already refused values that do not parse. */
final class TypedSteps {
    private TypedSteps() {
    }

    static Step of(ActionSpec spec) {
        TypedAction action = TypedAction.parse(spec.kind(), spec.value());
        if (action instanceof TlsAction a) {
            return new TlsStep(a, spec.value());
        }
        if (action instanceof HttpAction a) {
            return new HttpStep(a, spec.value());
        }
        if (action instanceof BuildAction a) {
            return new BuildStep(a, spec.value());
        }
        if (action instanceof SetImageAction a) {
            return new SetImageStep(a, spec.value());
        }
        if (action instanceof K8sReadyAction a) {
            return new K8sReadyStep(a, spec.value());
        }
        throw new IllegalStateException("typed action '" + spec.kind() + "' has no step");
    }
}
