package io.taskstream.actions.gitops;

import io.taskstream.actions.StepResult;
import io.taskstream.events.data.FailureCause;
import org.eclipse.jgit.lib.ObjectId;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The check of one set-image change against the remote as it is now. */
record RemoteCheck(RemoteView view, String remote, String branch, String file, String path, String value) {
    StepResult run(String commit, long startNanos) {
        ObjectId pushed;
        try {
            pushed = ObjectId.fromString(commit);
        } catch (IllegalArgumentException e) {
            return StepResult.Failed.notRunnable("the set-image step reported the commit '" + commit
                    + "', which is not a commit id");
        }
        try {
            ObjectId head = view.fetch(branch);
            if (head == null) {
                return found("the remote " + remote + " has no branch " + branch, startNanos);
            }
            if (!view.contains(head, pushed)) {
                return found("the commit " + commit + " is not on " + branch + " of " + remote + ", whose head is "
                        + head.name(), startNanos);
            }
            Optional<byte[]> bytes = view.read(head, file);
            if (bytes.isEmpty()) {
                return found("there is no file " + file + " at " + head.name() + ", the head of " + branch, startNanos);
            }
            String there;
            try {
                there = YamlScalarEdit.get(new String(bytes.get(), StandardCharsets.UTF_8), path);
            } catch (YamlEditException e) {
                return found(file + " at " + head.name() + ", the head of " + branch + ": " + e.getMessage(), startNanos);
            }
            if (!there.equals(value)) {
                return found(path + " in " + file + " is " + there + ", not " + value + ", at " + head.name()
                        + ", the head of " + branch, startNanos);
            }
            String where = head.name().equals(commit) ? "the head of " + branch
                    : "on " + branch + " (head " + head.name() + ")";
            return new StepResult.Done(GitOpsRepo.millis(startNanos), "commit " + commit + " is " + where + " of "
                    + remote + ", and " + path + " in " + file + " is " + value + " there");
        } catch (IOException e) {
            return new StepResult.Failed(FailureCause.RUN_FAILED, -1, e.getMessage(),
                    GitOpsRepo.millis(startNanos), "", true);
        }
    }

    private static StepResult found(String reason, long startNanos) {
        return StepResult.Failed.found(reason, GitOpsRepo.millis(startNanos), "");
    }
}
