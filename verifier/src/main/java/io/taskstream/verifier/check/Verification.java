package io.taskstream.verifier.check;

import io.taskstream.events.data.CriterionSpec;
import io.taskstream.runtime.process.CommandResult;
import io.taskstream.runtime.process.CommandRunner;
import io.taskstream.runtime.process.Redactor;
import io.taskstream.runtime.process.Secrets;
import io.taskstream.runtime.process.Workspace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Checks a criterion's effect independently of the run that claimed it: every {@code verify} step, in order,
 * in the criterion's directory. A criterion without one is not guessed at.
 */
public final class Verification {
    private final Workspace workspace;
    private final CommandRunner commands;
    private final Duration defaultTimeout;
    private final Secrets secrets;

    public Verification(Workspace workspace, CommandRunner commands, Duration defaultTimeout,
                        Map<String, String> secrets) {
        this.workspace = workspace;
        this.commands = commands;
        this.defaultTimeout = defaultTimeout;
        this.secrets = new Secrets(secrets);
    }

    public VerifyOutcome check(CriterionSpec spec) throws InterruptedException {
        if (spec.verify().isEmpty()) {
            return new VerifyOutcome.Unverifiable("no verify step: nothing can check this criterion independently");
        }
        Path dir;
        try {
            dir = workspace.resolve(spec.workingDir());
        } catch (Workspace.WorkspaceException e) {
            return new VerifyOutcome.Failed(-1, e.getMessage(), 0, "");
        }
        Map<String, String> env;
        try {
            env = secrets.resolve(spec.env());
        } catch (IllegalArgumentException e) {
            return new VerifyOutcome.Failed(-1, e.getMessage(), 0, "");
        }
        Redactor redactor = new Redactor(secrets.usedBy(spec.env()));
        Duration timeout = spec.timeoutSeconds() > 0 ? Duration.ofSeconds(spec.timeoutSeconds()) : defaultTimeout;
        long total = 0;
        String output = "";
        for (int i = 0; i < spec.verify().size(); i++) {
            CommandResult r = commands.run(spec.verify().get(i), dir, env, timeout, redactor);
            total += r.durationMillis();
            output = r.output();
            if (!r.succeeded()) {
                String why = r.timedOut() ? "check " + (i + 1) + " ran past its " + timeout.toSeconds() + "s timeout"
                        : "check " + (i + 1) + " (" + spec.verify().get(i) + ") exited with " + r.exitCode();
                return new VerifyOutcome.Failed(r.exitCode(), why, total, output);
            }
        }
        return new VerifyOutcome.Passed(total, output);
    }
}
