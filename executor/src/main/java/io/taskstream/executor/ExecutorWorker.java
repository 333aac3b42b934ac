package io.taskstream.executor;

import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Topics;
import io.taskstream.executor.retry.RetryPolicy;
import io.taskstream.actions.CriterionSteps;
import io.taskstream.actions.StepResult;
import io.taskstream.actions.workspace.ChangeWatch;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.runtime.kafka.DeadLetters;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.runtime.progress.CriterionProgress;
import io.taskstream.runtime.progress.Phase;
import io.taskstream.runtime.progress.TaskRun;
import io.taskstream.runtime.progress.TaskRuns;

import io.taskstream.runtime.work.TaskDispatch;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Executes the tasks of one partition. The state of every open task run is folded from the partition's
 * events (the executor's own included), so that after a crash or a rebalance the new owner, replaying from
 * the first open task, knows which attempts already published a result and runs only what is left: an
 * attempt that was interrupted before its result was published is the only thing that can run twice.
 * Folding happens in partition order; the work runs per task on the instance's shared {@link io.taskstream.runtime.work.KeyedWork},
 * so tasks of one partition run side by side while each task's criteria keep their order.
 */
final class ExecutorWorker implements TaskDispatch.TaskAction {
    private final TaskRuns runs;
    private final CriterionSteps steps;
    private final EventPublisher publisher;
    private final Topics topics;
    private final RetryPolicy retries;
    private final DeadLetters deadLetters;
    private final EventCodec codec;
    private final URI source;
    private final String instance;
    private final Clock clock;

    ExecutorWorker(TaskRuns runs, CriterionSteps steps, EventPublisher publisher, Topics topics,
                   RetryPolicy retries, DeadLetters deadLetters, EventCodec codec, URI source, String instance,
                   Clock clock) {
        this.runs = runs;
        this.deadLetters = deadLetters;
        this.codec = codec;
        this.steps = steps;
        this.publisher = publisher;
        this.topics = topics;
        this.retries = retries;
        this.source = source;
        this.instance = instance;
        this.clock = clock;
    }

    @Override
    public void act(String taskId) throws InterruptedException {
        for (TaskRun run : runs.openOf(taskId)) {
            act(run);
        }
    }

    /** Does everything the run allows now, one step at a time, until nothing is left to do. */
    private void act(TaskRun run) throws InterruptedException {
        Optional<TaskRun> earlier = runs.earlierOpenRun(run);
        if (earlier.isPresent()) {
            emit(run, new TaskWithdrawn(run.ready().task().path(),
                    "already in progress in run " + earlier.get().runId(), run.ready().commit()));
            return;
        }
        if (run.ready().options().dryRun()) {
            emit(run, new TaskPlanned(run.ready().task().title(), instance,
                    steps.plan(run.ready().task(), run.ready().options())));
            return;
        }
        boolean progressed = true;
        while (progressed && !run.closed()) {
            progressed = false;
            for (CriterionProgress p : run.inPhase(Phase.VERIFICATION_FAILED)) {
                fail(run, p.spec(), p.attempt(), p.attemptId(), FailureCause.VERIFICATION_FAILED, -1, 0,
                        "", "verification failed: " + p.detail(), true, p.changedFiles());
                progressed = true;
            }
            for (CriterionProgress p : run.blockedByNeeds()) {
                emit(run, new CriterionSkipped(p.spec().number(), p.spec().text(), SkipReason.NEED_FAILED,
                        "needs criterion " + p.spec().needs() + ", which did not complete"));
                progressed = true;
            }
            for (CriterionProgress p : run.inPhase(Phase.PENDING)) {
                if (!p.spec().executable()) {
                    emit(run, new CriterionSkipped(p.spec().number(), p.spec().text(), SkipReason.NEEDS_HUMAN,
                            "no run step or typed action: a person has to do this"));
                    progressed = true;
                }
            }
            // A criterion still RUNNING here was interrupted (a crash before its result was published).
            List<CriterionProgress> next = run.inPhase(Phase.RUNNING).isEmpty() ? run.runnable() : run.inPhase(Phase.RUNNING);
            if (!next.isEmpty()) {
                execute(run, next.get(0));
                progressed = true;
            }
        }
    }

    private void execute(TaskRun run, CriterionProgress p) throws InterruptedException {
        CriterionSpec spec = p.spec();
        String attemptId = UUID.randomUUID().toString();
        emit(run, new CriterionStarted(spec.number(), spec.text(), p.attempt(), attemptId, instance,
                steps.describeActs(spec), spec.workingDir(), run.ready().options().dryRun()));
        StepResult outcome;
        List<String> changed;
        try (ChangeWatch watch = steps.watchChanges(spec)) {
            outcome = steps.act(run.ready().task(), spec, run.factsOf(spec.needs()));
            changed = watch.changed();
        }
        if (outcome instanceof StepResult.Done s) {
            emit(run, new CriterionCompleted(spec.number(), spec.text(), p.attempt(), attemptId, 0,
                    s.durationMillis(), s.output(), s.outputBytes(), false, s.facts(), changed));
            publisher.meters().criterion(run.ready().task().taskType(), "completed", Duration.ofMillis(s.durationMillis()));
        } else if (outcome instanceof StepResult.Failed f) {
            fail(run, spec, p.attempt(), attemptId, f.cause(), f.exitCode(), f.durationMillis(), f.output(),
                    f.reason(), f.retryable(), changed);
            publisher.meters().criterion(run.ready().task().taskType(), "failed", Duration.ofMillis(f.durationMillis()));
        } else if (outcome instanceof StepResult.Unavailable u) {
            emit(run, new CriterionSkipped(spec.number(), spec.text(), SkipReason.UNAVAILABLE, u.reason()));
        }
    }

    /** The one place where a failure becomes events: the failure with the retry decision, and the retry itself. */
    private void fail(TaskRun run, CriterionSpec spec, int attempt, String attemptId, FailureCause cause, int exitCode,
                      long millis, String output, String reason, boolean retryable, List<String> changed) {
        Instant now = clock.instant();
        Instant retryAt = retryable ? retries.nextAttemptAt(attempt, now) : null;
        Envelope<EventData> failed = emit(run, new CriterionFailed(spec.number(), spec.text(), attempt,
                attemptId == null ? "" : attemptId, cause, exitCode, millis, output, reason, retryAt, changed));
        if (retryable && retryAt == null) {
            deadLetters.send(failed, codec.encode(failed), "gave up after " + attempt + " attempts: " + reason);
        }
        if (retryAt != null) {
            Envelope<CriterionRetry> retry = Envelope.of(source, run.taskId(), run.runId(),
                    new CriterionRetry(spec.number(), spec.text(), attempt + 1, retryAt, cause));
            publisher.publishAndWait(topics.retry(), retry);
            publisher.meters().retried();
        }
    }

    private Envelope<EventData> emit(TaskRun run, EventData data) {
        Envelope<EventData> event = Envelope.of(source, run.taskId(), run.runId(), data);
        publisher.publishAndWait(topics.events(), event);
        run.apply(event);
        return event;
    }
}
