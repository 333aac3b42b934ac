package io.taskstream.actions;

import io.taskstream.events.data.FailureCause;
import io.taskstream.runtime.process.CommandResult;

import java.util.Optional;

/**
 * A shell command: a {@code run} step acts, a {@code verify} step checks. Both run with {@code bash -c} in the
 * criterion's directory, in their own process group, killed with their whole tree at the timeout.
 */
public record ShellStep(String command, boolean verify) implements Step {

    @Override
    public String kind() {
        return verify ? "verify" : "run";
    }

    @Override
    public String written() {
        return command;
    }

    @Override
    public String describe() {
        return command;
    }

    @Override
    public boolean acts() {
        return !verify;
    }

    @Override
    public boolean writesWorkspace() {
        return !verify;
    }

    @Override
    public Optional<String> describeCheck() {
        return verify ? Optional.of(command) : Optional.empty();
    }

    @Override
    public StepResult act(StepContext c) throws InterruptedException {
        CommandResult r = run(c);
        if (r.timedOut()) {
            return new StepResult.Failed(FailureCause.TIMED_OUT, -1, "step " + c.position() + " ran past its "
                    + c.timeout().toSeconds() + "s timeout", r.durationMillis(), r.output(), true);
        }
        if (!r.succeeded()) {
            return new StepResult.Failed(FailureCause.RUN_FAILED, r.exitCode(), "step " + c.position()
                    + " exited with " + r.exitCode(), r.durationMillis(), r.output(), true);
        }
        return new StepResult.Done(r.durationMillis(), r.output(), java.util.Map.of(), r.outputBytes());
    }

    @Override
    public StepResult check(StepContext c) throws InterruptedException {
        CommandResult r = run(c);
        if (r.succeeded()) {
            return new StepResult.Done(r.durationMillis(), r.output(), java.util.Map.of(), r.outputBytes());
        }
        String why = r.timedOut() ? "check " + c.position() + " ran past its " + c.timeout().toSeconds() + "s timeout"
                : "check " + c.position() + " (" + c.redactor().redact(command) + ") exited with " + r.exitCode();
        return new StepResult.Failed(r.timedOut() ? FailureCause.TIMED_OUT : FailureCause.RUN_FAILED, r.exitCode(),
                why, r.durationMillis(), r.output(), true);
    }

    private CommandResult run(StepContext c) throws InterruptedException {
        return c.tools().commands().run(command, c.dir(), c.env(), c.timeout(), c.redactor());
    }
}
