package io.taskstream.verifier;

import io.taskstream.actions.CriterionSteps;
import io.taskstream.actions.StepResult;
import io.taskstream.actions.VerifiedCommits;
import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.EventType;
import io.taskstream.events.envelope.Topics;
import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.runtime.progress.CriterionProgress;
import io.taskstream.runtime.progress.Phase;
import io.taskstream.runtime.progress.TaskRun;
import io.taskstream.runtime.progress.TaskRuns;
import io.taskstream.verifier.evidence.Verification;
import io.taskstream.verifier.record.TaskRecorder;

import io.taskstream.runtime.work.TaskDispatch;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Verifies the completed criteria of one partition's task runs and records what passed; when a run has
 * settled, archives the task or marks it blocked. Only a verified criterion's box is ever checked. Tasks are
 * checked side by side on the instance's shared {@link io.taskstream.runtime.work.KeyedWork}, one run of a task at a time.
 */
final class VerifierWorker implements TaskDispatch.TaskAction {
    private final TaskRuns runs;
    private final CriterionSteps steps;
    private final VerifiedCommits verifiedCommits;
    private final TaskRecorder recorder;
    private final EventPublisher publisher;
    private final Topics topics;
    private final URI source;

    VerifierWorker(TaskRuns runs, CriterionSteps steps, VerifiedCommits verifiedCommits, TaskRecorder recorder,
                   EventPublisher publisher, Topics topics, URI source) {
        this.runs = runs;
        this.steps = steps;
        this.verifiedCommits = verifiedCommits;
        this.recorder = recorder;
        this.publisher = publisher;
        this.topics = topics;
        this.source = source;
    }

    @Override
    public void act(String taskId) throws InterruptedException, GitTaskRepo.GitException {
        for (TaskRun run : runs.openOf(taskId)) {
            if (runs.earlierOpenRun(run).isEmpty()) {
                act(run);
            }
        }
    }

    private void act(TaskRun run) throws InterruptedException, GitTaskRepo.GitException {
        try {
            verifyAndRecord(run);
        } catch (GitTaskRepo.GitException e) {
            // The recorder already tried what it could (bounded): end the run with what failed and where,
            // instead of holding the task in a retry that cannot end.
            String reason = TaskRecorder.taskGone(e)
                    ? "the task file is gone from the task repo: " + e.getCause().getMessage()
                    : "the task repo could not be written: " + e.getMessage();
            emit(run, UUID.randomUUID().toString(), new TaskWithdrawn(run.ready().task().path(), reason,
                    run.ready().commit()));
        }
    }

    private void verifyAndRecord(TaskRun run) throws InterruptedException, GitTaskRepo.GitException {
        TaskSnapshot task = run.ready().task();
        for (CriterionProgress p : run.inPhase(Phase.AWAITING_VERIFICATION)) {
            CriterionSpec spec = p.spec();
            Instant started = Instant.now();
            StepResult outcome = run.ready().options().skipVerification()
                    ? new StepResult.Unverifiable("verification skipped on request: the box stays unchecked")
                    : steps.check(task, spec, p.facts());
            Instant finished = Instant.now();
            String eventId = UUID.randomUUID().toString();
            if (!stillAwaiting(run, p)) {
                continue;
            }
            if (outcome instanceof StepResult.Done passed) {
                // The other commits come first, so that the box's evidence names them.
                List<RepoCommit> elsewhere = verifiedCommits.record(task.id(), spec, run.runId(), p.facts(),
                        p.changedFiles());
                List<String> checks = steps.describeChecks(spec);
                String commit;
                try {
                    commit = recorder.recordVerified(task, new Verification(run.runId(), eventId, task.id(),
                            spec.number(), spec.text(), p.attempt(), p.attemptId(), checks, passed.output(), started,
                            finished, elsewhere, p.facts()));
                } catch (GitTaskRepo.GitException e) {
                    if (TaskRecorder.taskGone(e)) {
                        throw e;
                    }
                    emit(run, eventId, new VerificationFailed(spec.number(), spec.text(), p.attempt(), -1, "",
                            "verified, but recording it in the task repo failed: " + e.getMessage(), true));
                    continue;
                }
                if (!stillAwaiting(run, p)) {
                    continue;
                }
                emit(run, eventId, new CriterionVerified(spec.number(), spec.text(), p.attempt(), commit,
                        passed.durationMillis(), passed.output(), checks, elsewhere));
            } else if (outcome instanceof StepResult.Failed failed) {
                emit(run, eventId, new VerificationFailed(spec.number(), spec.text(), p.attempt(), failed.exitCode(),
                        failed.output(), failed.reason(), false));
            } else if (outcome instanceof StepResult.Unverifiable u) {
                emit(run, eventId, new VerificationFailed(spec.number(), spec.text(), p.attempt(), -1, "",
                        u.reason(), true));
            } else if (outcome instanceof StepResult.Unavailable u) {
                emit(run, eventId, new VerificationFailed(spec.number(), spec.text(), p.attempt(), -1, "",
                        "cannot be checked here: " + u.reason(), true));
            }
        }
        if (run.settled() && !run.closed()) {
            String eventId = UUID.randomUUID().toString();
            if (run.allDone()) {
                TaskRecorder.Archived archived = recorder.archive(run.runId(), eventId, task, task.criteria().size());
                emit(run, eventId, new TaskCompleted(task.title(), archived.commit(), archived.path(),
                        task.criteria().size()));
            } else if (run.onlyLeftOutByOptions()) {
                emit(run, eventId, new TaskWithdrawn(task.path(), "the run's options left criteria out: "
                        + String.join("; ", run.blockers()), run.ready().commit()));
            } else {
                List<String> blockers = run.blockers();
                String reason = blockers.size() == 1 ? blockers.get(0)
                        : blockers.size() + " criteria cannot complete: " + String.join("; ", blockers);
                String commit = recorder.block(run.runId(), eventId, task, reason);
                emit(run, eventId, new TaskBlocked(task.title(), reason, run.needsHuman(), blockers, commit));
            }
        }
    }

    /**
     * Whether the fold still shows the attempt waiting for its check: a result of it folded meanwhile (one
     * this verifier published without knowing, read again after a failed publish) is not verified again.
     */
    private static boolean stillAwaiting(TaskRun run, CriterionProgress checked) {
        CriterionProgress now = run.criterion(checked.spec().number());
        return now != null && now.phase() == Phase.AWAITING_VERIFICATION && now.attempt() == checked.attempt();
    }

    private void emit(TaskRun run, String id, EventData data) {
        Envelope<EventData> event = new Envelope<>(id, EventType.of(data).type(),
                source, run.taskId(), Instant.now(), run.runId(), data);
        publisher.publishAndWait(topics.events(), event);
        run.apply(event);
    }
}
