package io.taskstream.actions;

import java.util.Optional;

/**
 * One step of a criterion, with its two halves: what the executor does ({@link #act}) and what the verifier
 * checks independently afterwards ({@link #check}). A {@code run} command only acts; a {@code verify} command
 * only checks; a typed action does both. Adding a kind of step means adding one implementation here.
 */
public sealed interface Step permits ShellStep, TlsStep, HttpStep, BuildStep, SetImageStep, K8sReadyStep {

    /** @return the step's key in the task file: {@code run}, {@code verify}, {@code tls}, ... */
    String kind();

    /** @return the step's value as written in the task file */
    String written();

    /** @return the step as a person reads it in a plan or an event, e.g. {@code tls: 127.0.0.1:5443 names x} */
    default String describe() {
        return kind() + ": " + written();
    }

    /** @return whether the executor runs {@link #act} for this step */
    default boolean acts() {
        return true;
    }

    /**
     * @return whether the executor's {@link #act} may write files in the workspace (a shell command may; a typed
     * action reads it, or writes only in the GitOps repo's own clone)
     */
    default boolean writesWorkspace() {
        return false;
    }

    /** @return what the verifier checks for this step, as a person reads it; empty when it brings no check */
    Optional<String> describeCheck();

    /** A check that acts: read-only actions act by looking, and the verifier looks again, independently. */
    default StepResult act(StepContext context) throws InterruptedException {
        return check(context);
    }

    /** Only called when {@link #describeCheck()} is present. */
    StepResult check(StepContext context) throws InterruptedException;
}
