package io.taskstream.actions;

import io.taskstream.events.data.CriterionSpec;
import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.runtime.process.Redactor;
import io.taskstream.runtime.process.Secrets;
import io.taskstream.runtime.process.Workspace;
import io.taskstream.actions.workspace.ChangeWatch;
import io.taskstream.actions.workspace.RepoClaims;
import io.taskstream.actions.workspace.WorkspaceChanges;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one step loop, used by the executor (acts), the verifier (checks) and plans (descriptions): resolves the
 * working directory inside the workspace, applies the safety checks, resolves secrets, and runs the steps of
 * one half in order, stopping at the first that fails. A criterion's steps are its {@code run} commands, then
 * its typed actions, then its {@code verify} commands, each in written order.
 */
public final class CriterionSteps {
    private final Workspace workspace;
    private final Tools tools;
    private final Secrets secrets;
    private final Duration defaultTimeout;
    private final WorkspaceChanges changes;

    public CriterionSteps(Workspace workspace, Tools tools, Map<String, String> secrets, Duration defaultTimeout) {
        this(workspace, tools, secrets, defaultTimeout, new RepoClaims());
    }

    /** @param claims who works in which workspace repository: one per process, shared by its executors */
    public CriterionSteps(Workspace workspace, Tools tools, Map<String, String> secrets, Duration defaultTimeout,
                          RepoClaims claims) {
        this.workspace = workspace;
        this.changes = new WorkspaceChanges(workspace.root(), claims);
        this.tools = tools;
        this.secrets = new Secrets(secrets);
        this.defaultTimeout = defaultTimeout;
    }

    /** @return the criterion's steps in the order they run */
    public static List<Step> of(CriterionSpec spec) {
        List<Step> steps = new ArrayList<>();
        spec.run().forEach(c -> steps.add(new ShellStep(c, false)));
        spec.actions().forEach(a -> steps.add(TypedSteps.of(a)));
        spec.verify().forEach(c -> steps.add(new ShellStep(c, true)));
        return steps;
    }

    /** @return what the acting half does, one line per step, secrets redacted */
    public List<String> describeActs(CriterionSpec spec) {
        Redactor redactor = redactorFor(spec);
        return of(spec).stream().filter(Step::acts).map(s -> redactor.redact(s.describe())).toList();
    }

    /** @return what the verifier checks, one line per check, secrets redacted */
    public List<String> describeChecks(CriterionSpec spec) {
        Redactor redactor = redactorFor(spec);
        return of(spec).stream().flatMap(s -> s.describeCheck().stream()).map(redactor::redact).toList();
    }

    /** @return the plan of each criterion of the task, as a dry run reports it */
    public List<io.taskstream.events.data.PlannedCriterion> plan(TaskSnapshot task,
                                                                io.taskstream.events.data.ExecutionOptions options) {
        return Plans.plan(task, options, this::redactorFor);
    }

    /** @return which files criteria change in the workspace's git repositories, and where they belong */
    public WorkspaceChanges changes() {
        return changes;
    }

    /**
     * Starts watching what the criterion's steps change in the workspace's repositories; call before {@link #act}.
     * A criterion none of whose steps writes to the workspace watches nothing and waits for nobody.
     */
    public ChangeWatch watchChanges(CriterionSpec spec) throws InterruptedException {
        return of(spec).stream().anyMatch(Step::writesWorkspace) ? changes.watch(spec.workingDir()) : ChangeWatch.NONE;
    }

    /** Redacts what this criterion's secrets and the usual token shapes would reveal. */
    public Redactor redactorFor(CriterionSpec spec) {
        return new Redactor(secrets.usedBy(spec.env()));
    }

    /**
     * Runs the acting half.
     *
     * @param needed facts of the criteria this one needs, by number
     */
    public StepResult act(TaskSnapshot task, CriterionSpec spec, Map<Integer, Map<String, String>> needed)
            throws InterruptedException {
        Prepared p = prepare(task, spec, Map.of(), needed);
        if (p.refused().isPresent()) {
            return p.refused().get();
        }
        return runAll(p.context(), of(spec), false);
    }

    /**
     * Runs the checking half: every typed action's default check, then every {@code verify} command.
     *
     * @param facts what the acting half established (from its {@code criterion.completed})
     */
    public StepResult check(TaskSnapshot task, CriterionSpec spec, Map<String, String> facts)
            throws InterruptedException {
        if (of(spec).stream().noneMatch(s -> s.describeCheck().isPresent())) {
            return new StepResult.Unverifiable("no verify step: nothing can check this criterion independently");
        }
        Prepared p = prepare(task, spec, facts, Map.of());
        if (p.refused().isPresent()) {
            StepResult.Failed f = (StepResult.Failed) p.refused().get();
            return StepResult.Failed.found(f.reason(), 0, "");
        }
        return runAll(p.context(), of(spec), true);
    }

    /**
     * Runs one half in order. Each step's facts are kept twice: under their own key (the latest step's win) and
     * under {@code <step index>:<key>}, so that the check of the second of two builds sees its own digest.
     */
    private StepResult runAll(StepContext start, List<Step> all, boolean checking) throws InterruptedException {
        long total = 0;
        long bytes = 0;
        String output = "";
        int position = 0;
        Map<String, String> facts = new HashMap<>(start.facts());
        for (int i = 0; i < all.size(); i++) {
            Step step = all.get(i);
            if (checking ? step.describeCheck().isEmpty() : !step.acts()) {
                continue;
            }
            StepContext c = start.at(++position, checking ? own(facts, i) : facts);
            StepResult r = checking ? step.check(c) : step.act(c);
            total += r.durationMillis();
            output = r.output();
            if (r instanceof StepResult.Done d) {
                bytes += d.outputBytes();
                int index = i;
                d.facts().forEach((k, v) -> {
                    facts.put(k, v);
                    facts.put(index + ":" + k, v);
                });
            } else if (r instanceof StepResult.Failed f) {
                return new StepResult.Failed(f.cause(), f.exitCode(), f.reason(), total, f.output(), f.retryable());
            } else {
                return r;
            }
        }
        return new StepResult.Done(total, output, checking ? Map.of() : facts, bytes);
    }

    private static Map<String, String> own(Map<String, String> facts, int index) {
        Map<String, String> out = new HashMap<>();
        facts.forEach((k, v) -> {
            if (!k.matches("\\d+:.*")) {
                out.putIfAbsent(k, v);
            }
        });
        String prefix = index + ":";
        facts.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    private Prepared prepare(TaskSnapshot task, CriterionSpec spec, Map<String, String> facts,
                             Map<Integer, Map<String, String>> needed) {
        Path dir;
        try {
            dir = workspace.resolve(spec.workingDir());
        } catch (Workspace.WorkspaceException e) {
            return Prepared.refused(StepResult.Failed.refused(e.getMessage()));
        }
        Optional<String> branch = BranchCheck.problem(task.branch(), dir);
        if (branch.isPresent()) {
            return Prepared.refused(StepResult.Failed.refused(branch.get()));
        }
        Map<String, String> env;
        try {
            env = tools.commandEnvironment(secrets.resolve(spec.env()));
        } catch (IllegalArgumentException e) {
            return Prepared.refused(StepResult.Failed.notRunnable(e.getMessage()));
        }
        Duration timeout = spec.timeoutSeconds() > 0 ? Duration.ofSeconds(spec.timeoutSeconds()) : defaultTimeout;
        return new Prepared(new StepContext(task, spec, 0, dir, env, redactorFor(spec), timeout, facts, needed, tools),
                Optional.empty());
    }

    private record Prepared(StepContext context, Optional<StepResult> refused) {
        static Prepared refused(StepResult r) {
            return new Prepared(null, Optional.of(r));
        }
    }
}
