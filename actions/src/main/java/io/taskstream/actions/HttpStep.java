package io.taskstream.actions;

import io.taskstream.task.action.HttpAction;

import java.util.Optional;

/** {@code http}: an endpoint answers as expected; the executor and the verifier both ask. */
public record HttpStep(HttpAction action, String written) implements Step {

    @Override
    public String kind() {
        return HttpAction.KIND;
    }

    @Override
    public Optional<String> describeCheck() {
        return Optional.of(action.method() + " " + action.url() + " answers " + action.status()
                + action.body().map(p -> " with a body matching \"" + p.pattern() + "\"").orElse(""));
    }

    @Override
    public StepResult check(StepContext c) {
        return c.tools().http().check(action, c.redactor());
    }
}
