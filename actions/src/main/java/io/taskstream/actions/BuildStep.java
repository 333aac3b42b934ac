package io.taskstream.actions;

import io.taskstream.task.action.BuildAction;

import java.util.Optional;

/**
 * {@code build}: the executor builds the image through the Docker Engine API and pushes it; the verifier asks the
 * registry itself (not Docker) whether it serves that tag with the digest the push reported.
 */
public record BuildStep(BuildAction action, String written) implements Step {
    public static final String DIGEST = "digest";

    @Override
    public String kind() {
        return BuildAction.KIND;
    }

    @Override
    public Optional<String> describeCheck() {
        return Optional.of("the registry serves " + action.image() + " with the digest the push reported");
    }

    @Override
    public StepResult act(StepContext c) {
        Optional<String> down = c.tools().docker().unavailable();
        if (down.isPresent()) {
            return new StepResult.Unavailable(down.get() + " (set --docker-host or DOCKER_HOST)");
        }
        return c.tools().images().buildAndPush(c.dir(), action, c.timeout(), c.redactor());
    }

    @Override
    public StepResult check(StepContext c) {
        String digest = c.facts().get(DIGEST);
        if (digest == null) {
            return StepResult.Failed.found("no pushed digest is known for " + action.image()
                    + ": the build's completion did not report one", 0, "");
        }
        return c.tools().registry().check(action.image(), digest);
    }
}
