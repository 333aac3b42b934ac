package io.taskstream.executor.run;

import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.FailureCause;
import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.runtime.process.CommandResult;
import io.taskstream.runtime.process.CommandRunner;
import io.taskstream.runtime.process.Redactor;
import io.taskstream.runtime.process.Secrets;
import io.taskstream.runtime.process.Workspace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one attempt at a criterion as ordered steps: safety checks, then each shell step in turn,
 * stopping at the first that fails. Typed actions plug in here.
 */
public final class CriterionRunner {
    private final Workspace workspace;
    private final CommandRunner commands;
    private final Secrets secrets;
    private final Duration defaultTimeout;
    private final SafetyChecks safety;

    public CriterionRunner(Workspace workspace, CommandRunner commands, Map<String, String> secrets,
                           Duration defaultTimeout, String kubeContext, Path kubeconfig) {
        this.workspace = workspace;
        this.commands = commands;
        this.secrets = new Secrets(secrets);
        this.defaultTimeout = defaultTimeout;
        this.safety = new SafetyChecks(kubeContext, kubeconfig);
    }

    /** Redacts what this criterion's secrets and the usual token shapes would reveal. */
    public Redactor redactorFor(CriterionSpec spec) {
        return new Redactor(secrets.usedBy(spec.env()));
    }

    public AttemptOutcome run(TaskSnapshot task, CriterionSpec spec) throws InterruptedException {
        Redactor redactor = redactorFor(spec);
        Path dir;
        try {
            dir = workspace.resolve(spec.workingDir());
        } catch (Workspace.WorkspaceException e) {
            return new AttemptOutcome.Failed(FailureCause.SAFETY_CHECK, -1, e.getMessage(), 0, "", false);
        }
        Optional<String> refused = safety.refuse(task, spec, dir);
        if (refused.isPresent()) {
            return new AttemptOutcome.Failed(FailureCause.SAFETY_CHECK, -1, refused.get(), 0, "", false);
        }
        if (!spec.actions().isEmpty()) {
            return new AttemptOutcome.Failed(FailureCause.NOT_RUNNABLE, -1,
                    "typed action '" + spec.actions().get(0).kind() + "' is not enabled on this executor", 0, "", false);
        }
        Map<String, String> env;
        try {
            env = secrets.resolve(spec.env());
        } catch (IllegalArgumentException e) {
            return new AttemptOutcome.Failed(FailureCause.NOT_RUNNABLE, -1, e.getMessage(), 0, "", false);
        }
        Duration timeout = spec.timeoutSeconds() > 0 ? Duration.ofSeconds(spec.timeoutSeconds()) : defaultTimeout;
        long total = 0;
        long bytes = 0;
        String output = "";
        for (int i = 0; i < spec.run().size(); i++) {
            String command = spec.run().get(i);
            CommandResult r = commands.run(command, dir, env, timeout, redactor);
            total += r.durationMillis();
            bytes += r.outputBytes();
            output = r.output();
            if (r.timedOut()) {
                return new AttemptOutcome.Failed(FailureCause.TIMED_OUT, -1,
                        "step " + (i + 1) + " ran past its " + timeout.toSeconds() + "s timeout", total, output, true);
            }
            if (!r.succeeded()) {
                return new AttemptOutcome.Failed(FailureCause.RUN_FAILED, r.exitCode(),
                        "step " + (i + 1) + " exited with " + r.exitCode(), total, output, true);
            }
        }
        return new AttemptOutcome.Succeeded(total, output, bytes);
    }
}
