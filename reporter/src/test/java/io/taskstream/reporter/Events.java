package io.taskstream.reporter;

import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.EventType;
import io.taskstream.events.envelope.Source;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Builds the events of one run with fixed ids and times, as the services would emit them. */
public final class Events {
    public static final Instant T0 = Instant.parse("2025-06-14T09:30:00Z");
    /** The commit an incremental scan starts from. */
    public static final String PREVIOUS_COMMIT = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    private static final URI CLI = Source.of("cli", "ops-laptop");
    private static final URI SCANNER = Source.of("scanner", "scanner-1");
    private static final URI EXECUTOR = Source.of("executor", "executor-1");
    private static final URI VERIFIER = Source.of("verifier", "verifier-1");

    private final String runId;
    private int n;
    private long lastSecond;

    public Events(String runId) {
        this.runId = runId;
    }

    /** Events whose ids start after {@code idsBefore}, to add to events of the same run made elsewhere. */
    public Events(String runId, int idsBefore) {
        this.runId = runId;
        this.n = idsBefore;
    }

    public String runId() {
        return runId;
    }

    public static CriterionSpec criterion(int number, String text, boolean checked, List<String> run,
                                          List<String> verify, List<Integer> needs) {
        return new CriterionSpec(number, text, 10 + number, checked, run, "", Map.of(), 0, verify, needs, List.of());
    }

    public static CriterionSpec criterion(int number, String text) {
        return criterion(number, text, false, List.of("true"), List.of("true"), List.of());
    }

    public static TaskSnapshot task(String id, String title, String priority, String type, List<String> dependsOn,
                                    CriterionSpec... criteria) {
        return new TaskSnapshot(id, title, priority, "active", "tasks/active/" + id + ".md", List.of(type),
                dependsOn, type, List.of(criteria));
    }

    /** An event one second after the previous one. */
    public <D extends EventData> Envelope<D> next(String subject, D data) {
        return at(lastSecond + 1, subject, data);
    }

    /** An event {@code seconds} after {@link #T0}. */
    public <D extends EventData> Envelope<D> at(long seconds, String subject, D data) {
        lastSecond = Math.max(lastSecond, seconds);
        String id = String.format("%s-%04d", runId, ++n);
        return new Envelope<>(id, EventType.of(data).type(), source(data), subject, T0.plusSeconds(seconds), runId, data);
    }

    private static URI source(EventData d) {
        if (d instanceof ScanRequested) return CLI;
        if (d instanceof ScanCompleted || d instanceof TaskReady || d instanceof TaskWaiting || d instanceof TaskInvalid
                || d instanceof TaskWithdrawn) {
            return SCANNER;
        }
        if (d instanceof CriterionVerified || d instanceof VerificationFailed || d instanceof TaskCompleted
                || d instanceof TaskBlocked) {
            return VERIFIER;
        }
        return EXECUTOR;
    }

    public Envelope<ScanRequested> scanRequested(long s) {
        return at(s, runId, new ScanRequested("", "main", false, "cli", ExecutionOptions.defaults()));
    }

    /** A scan request with the given execution options, e.g. a dry run. */
    public Envelope<ScanRequested> scanRequested(long s, ExecutionOptions options) {
        return at(s, runId, new ScanRequested("", "main", false, "cli", options));
    }

    public Envelope<TaskReady> ready(long s, TaskSnapshot t, int position) {
        return ready(s, t, position, ExecutionOptions.defaults());
    }

    public Envelope<TaskReady> ready(long s, TaskSnapshot t, int position, ExecutionOptions options) {
        return at(s, t.id(), new TaskReady(t, "3f9c2a7d51e04b8c9a6f2e1d0c7b5a4938f6e2d1", position, options));
    }

    /** The executor's answer to a dry run, planned the way it plans: checked, filtered, no step, or run. */
    public Envelope<TaskPlanned> planned(long s, TaskSnapshot t, ExecutionOptions options) {
        List<PlannedCriterion> plan = t.criteria().stream().map(c -> new PlannedCriterion(c.number(), c.text(),
                c.checked() ? "already-done" : !options.selects(c.number()) ? "filtered"
                        : !c.executable() ? "needs-human" : "run",
                c.run(), c.workingDir(), c.env().keySet().stream().sorted().toList(), c.timeoutSeconds(), c.verify(),
                c.needs())).toList();
        return at(s, t.id(), new TaskPlanned(t.title(), "executor-1", plan));
    }

    public Envelope<TaskWaiting> waiting(long s, TaskSnapshot t, String... on) {
        return at(s, t.id(), new TaskWaiting(t, "3f9c2a7d51e04b8c9a6f2e1d0c7b5a4938f6e2d1", List.of(on)));
    }

    public Envelope<ScanCompleted> scanCompleted(long s, List<String> ready, List<String> waiting,
                                                 List<String> invalid, List<String> completed) {
        return at(s, runId, new ScanCompleted("file:///srv/git/infra-tasks.git", "main",
                "3f9c2a7d51e04b8c9a6f2e1d0c7b5a4938f6e2d1", ready, waiting, invalid, completed, List.of(), List.of(), false, ""));
    }

    /** The summary of an incremental scan since {@link #PREVIOUS_COMMIT}. */
    public Envelope<ScanCompleted> incrementalScanCompleted(long s, List<String> ready, List<String> waiting,
                                                            List<String> completed, List<String> withdrawn) {
        return at(s, runId, new ScanCompleted("file:///srv/git/infra-tasks.git", "main",
                "3f9c2a7d51e04b8c9a6f2e1d0c7b5a4938f6e2d1", ready, waiting, List.of(), completed, List.of(), withdrawn,
                true, PREVIOUS_COMMIT));
    }

    /** A task withdrawn from the run, by the scanner or by an executor. */
    public Envelope<TaskWithdrawn> withdrawn(long s, String task, String reason) {
        return at(s, task, new TaskWithdrawn("tasks/active/" + task + ".md", reason,
                "3f9c2a7d51e04b8c9a6f2e1d0c7b5a4938f6e2d1"));
    }

    public Envelope<CriterionStarted> started(long s, String task, CriterionSpec c, int attempt) {
        return at(s, task, new CriterionStarted(c.number(), c.text(), attempt, task + "-" + c.number() + "-" + attempt,
                "executor-1", c.run(), "", false));
    }

    public Envelope<CriterionCompleted> ran(long s, String task, CriterionSpec c, int attempt, long millis, String output) {
        return at(s, task, new CriterionCompleted(c.number(), c.text(), attempt, task + "-" + c.number() + "-" + attempt,
                0, millis, output, output.length(), false));
    }

    public Envelope<CriterionVerified> verified(long s, String task, CriterionSpec c, int attempt, String commit) {
        return at(s, task, new CriterionVerified(c.number(), c.text(), attempt, commit, 250, "ok\n"));
    }

    public Envelope<TaskCompleted> completed(long s, TaskSnapshot t, String commit) {
        return at(s, t.id(), new TaskCompleted(t.title(), commit, "tasks/completed/" + t.id() + ".md",
                t.criteria().size()));
    }

    public Envelope<TaskBlocked> blocked(long s, TaskSnapshot t, String reason, List<String> blockers, String commit) {
        return at(s, t.id(), new TaskBlocked(t.title(), reason, false, blockers, commit));
    }

    /** A task that runs its one criterion, is verified and completes. */
    public List<Envelope<?>> runsAndCompletes(long s, TaskSnapshot t) {
        CriterionSpec c = t.criteria().get(0);
        return List.of(started(s, t.id(), c, 1), ran(s + 1, t.id(), c, 1, 900, "done\n"),
                verified(s + 2, t.id(), c, 1, sha(t.id() + "-v")), completed(s + 3, t, sha(t.id() + "-a")));
    }

    /** A stable 40-hex commit id made from {@code seed}. */
    public static String sha(String seed) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
