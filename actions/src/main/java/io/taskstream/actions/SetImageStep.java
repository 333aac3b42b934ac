package io.taskstream.actions;

import io.taskstream.actions.gitops.GitOpsRepo;
import io.taskstream.task.action.SetImageAction;

import java.util.Map;
import java.util.Optional;

/**
 * {@code set-image}: the executor changes one image reference in the GitOps repo, validates, commits and pushes
 * (never applies); the verifier reads the remote branch afresh and checks the reference is there at the pushed
 * commit.
 */
public record SetImageStep(SetImageAction action, String written) implements Step {

    @Override
    public String kind() {
        return SetImageAction.KIND;
    }

    @Override
    public Optional<String> describeCheck() {
        return Optional.of("the GitOps remote's branch has " + action.path() + " = " + action.value()
                + (action.pinDigest() ? "@<pushed digest>" : "") + " in " + action.file() + " at the pushed commit");
    }

    @Override
    public StepResult act(StepContext c) {
        Optional<GitOpsRepo> gitops = c.tools().gitops();
        if (gitops.isEmpty()) {
            return new StepResult.Unavailable("set-image needs a GitOps repo and none is configured"
                    + " (--gitops-repo URL)");
        }
        String value = action.value();
        if (action.pinDigest()) {
            Optional<String> digest = c.needed().values().stream().map(f -> f.get(BuildStep.DIGEST))
                    .filter(d -> d != null).findFirst();
            if (digest.isEmpty()) {
                return StepResult.Failed.notRunnable("set-image pins a digest (@digest) but no criterion it needs"
                        + (c.needed().isEmpty() ? " (it has no needs: step)" : " " + c.needed().keySet())
                        + " pushed an image in this run");
            }
            value = value + "@" + digest.get();
        }
        return gitops.get().setImage(action, value, c.task().id(), c.criterion().number(), c.criterion().text());
    }

    @Override
    public StepResult check(StepContext c) {
        Map<String, String> facts = c.facts();
        if (!facts.containsKey(GitOpsRepo.COMMIT)) {
            return StepResult.Failed.found("no GitOps commit is known for this criterion: its completion"
                    + " did not report one", 0, "");
        }
        Optional<GitOpsRepo> gitops = c.tools().gitops();
        return gitops.isEmpty() ? new StepResult.Unavailable("no GitOps repo is configured to check against")
                : gitops.get().check(facts);
    }
}
