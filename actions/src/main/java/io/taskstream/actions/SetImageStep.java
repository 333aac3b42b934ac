package io.taskstream.actions;

import io.taskstream.actions.gitops.GitOpsRepo;
import io.taskstream.actions.kube.Cluster;
import io.taskstream.actions.kube.HelmReleaseReadiness;
import io.taskstream.task.action.SetImageAction;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code set-image}: the executor changes one image reference in the GitOps repo, validates, commits and pushes
 * (never applies); the verifier reads the remote branch afresh and checks the reference is there at the pushed
 * commit, and, when a cluster is configured and the object is a HelmRelease on the base branch, that Flux reports
 * it Ready for its latest generation.
 */
public record SetImageStep(SetImageAction action, String written) implements Step {
    private static final Duration HELM_RELEASE_WAIT = Duration.ofMinutes(5);

    @Override
    public String kind() {
        return SetImageAction.KIND;
    }

    @Override
    public Optional<String> describeCheck() {
        return Optional.of("the GitOps remote's branch has " + action.path() + " = " + action.value()
                + (action.pinDigest() ? "@<pushed digest>" : "") + " in " + action.file() + " at the pushed commit"
                + "; with a cluster configured, a HelmRelease reports Ready");
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
        if (gitops.isEmpty()) {
            return new StepResult.Unavailable("no GitOps repo is configured to check against");
        }
        StepResult pushed = gitops.get().check(facts);
        String object = facts.getOrDefault(GitOpsRepo.OBJECT, "");
        Optional<Cluster> cluster = c.tools().cluster();
        if (!(pushed instanceof StepResult.Done) || cluster.isEmpty() || !object.startsWith("HelmRelease/")
                || facts.getOrDefault(GitOpsRepo.BRANCH, "").startsWith("taskstream/")) {
            return pushed;
        }
        // The cluster side: Flux has reconciled the release (a change on a branch awaiting a merge has not been).
        String[] parts = object.split("/", 3);
        StepResult ready = HelmReleaseReadiness.check(parts[1], parts[2], HELM_RELEASE_WAIT.compareTo(c.timeout()) < 0
                ? HELM_RELEASE_WAIT : c.timeout(), cluster.get().client());
        return ready instanceof StepResult.Done d
                ? new StepResult.Done(pushed.durationMillis() + d.durationMillis(), pushed.output() + "\n" + d.output())
                : ready;
    }
}
