package io.taskstream.scanner;

import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Topics;
import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.runtime.kafka.Consumed;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.runtime.kafka.PartitionWorker;
import io.taskstream.scanner.queue.QueuePlan;
import io.taskstream.scanner.scan.EventBudget;
import io.taskstream.scanner.scan.IncrementalScanner;
import io.taskstream.scanner.scan.InvalidFile;
import io.taskstream.scanner.scan.RunMemory;
import io.taskstream.scanner.scan.ScanOutcome;
import io.taskstream.scanner.scan.ScannedTask;
import io.taskstream.scanner.scan.Snapshots;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Answers scan requests with the task events of one scan, and releases waiting tasks when a task they
 * depend on completes. The task repo at its newest commit is the truth. What a batch scanned counts as
 * scanned only once its events are acknowledged; when publishing fails the batch is handled again from the
 * same commit, and what the failed attempt got onto the log is not published again. No event is larger than
 * the broker accepts: a task whose task.ready would be is announced as task.invalid, with the reason.
 */
final class ScannerWorker implements PartitionWorker {
    private static final Logger LOG = LoggerFactory.getLogger(ScannerWorker.class);
    /** A parser's problem may quote the file; the event needs only enough of it to find the line. */
    private static final int MAX_PROBLEM_CHARS = 2_000;

    private final IncrementalScanner scanner;
    private final String branch;
    private final EventPublisher publisher;
    private final Topics topics;
    private final URI source;
    private final String repository;
    private final EventBudget budget;
    private final RunMemory runs;
    private final List<CompletableFuture<RecordMetadata>> unacknowledged = new ArrayList<>();

    ScannerWorker(IncrementalScanner scanner, String branch, EventPublisher publisher, Topics topics, URI source,
                  String repository) {
        this(scanner, branch, publisher, topics, source, repository, EventBudget.kafkaDefault(), new RunMemory());
    }

    /**
     * @param budget what an event may weigh
     * @param runs   shared by the workers of one scanner instance, whose batches the consumer runs one at a time
     */
    ScannerWorker(IncrementalScanner scanner, String branch, EventPublisher publisher, Topics topics, URI source,
                  String repository, EventBudget budget, RunMemory runs) {
        this.scanner = scanner;
        this.branch = branch;
        this.publisher = publisher;
        this.topics = topics;
        this.source = source;
        this.repository = repository;
        this.budget = budget;
        this.runs = runs;
    }

    @Override
    public long handle(List<Consumed> batch, long nextOffset, boolean caughtUp) throws Exception {
        unacknowledged.clear();
        try {
            for (Consumed c : batch) {
                EventData data = c.event().data();
                if (data instanceof ScanRequested request) {
                    scan(c.event().runId(), request);
                } else if (data instanceof TaskReady ready) {
                    // a task's task.ready and its task.completed share its partition, whatever the run's does
                    runs.rememberOptions(c.event().runId(), ready.options());
                } else if (data instanceof TaskCompleted) {
                    release(c.event().runId(), c.event().subject());
                }
            }
            awaitAll();
            scanner.acknowledge();
        } catch (Exception | Error e) {
            scanner.rollback();
            throw e;
        } finally {
            unacknowledged.clear();
        }
        return nextOffset;
    }

    private void scan(String runId, ScanRequested request) throws IOException, GitTaskRepo.GitException {
        runs.rememberOptions(runId, request.options());
        ScanOutcome outcome = scanner.scan(request.full());
        QueuePlan plan = outcome.plan();
        String commit = outcome.commit();
        Predicate<String> announced = outcome::announces;
        List<String> invalid = new ArrayList<>();
        for (InvalidFile bad : plan.invalid()) {
            String key = bad.taskId() == null ? bad.path() : bad.taskId();
            if (announced.test(key)) {
                invalid.add(bad.path());
                emitInvalid(key, runId, bad.path(), bad.line(), bad.problem(), commit);
            }
        }
        for (ScanOutcome.Withdrawal w : outcome.withdrawn()) {
            emit(w.taskId(), runId, commit, new TaskWithdrawn(w.path(), w.reason(), commit));
        }
        List<String> waiting = new ArrayList<>();
        for (Map.Entry<ScannedTask, List<String>> w : plan.waiting().entrySet()) {
            ScannedTask t = w.getKey();
            if (announced.test(t.id()) && emitTask(t, runId, commit, new TaskWaiting(Snapshots.of(t), commit,
                    w.getValue()))) {
                waiting.add(t.id());
            } else if (announced.test(t.id())) {
                invalid.add(t.path());
            }
        }
        List<String> ready = new ArrayList<>();
        for (ScannedTask t : plan.ready()) {
            if (announced.test(t.id()) && emitTask(t, runId, commit, new TaskReady(Snapshots.of(t), commit,
                    plan.position(t), request.options()))) {
                ready.add(t.id());
            } else if (announced.test(t.id())) {
                invalid.add(t.path());
            }
        }
        // scan.completed says the scan's events are on the log: only once they are
        awaitAll();
        emit(runId, runId, commit, new ScanCompleted(repository, branch, commit, ready, waiting,
                invalid.stream().distinct().toList(), ids(plan.completed(), announced), ids(plan.blocked(), announced),
                outcome.withdrawn().stream().map(ScanOutcome.Withdrawal::taskId).toList(),
                outcome.incremental(), outcome.previousCommit()));
        awaitAll();
    }

    /** Emits task.ready for each task that waited on the completed one and now has nothing left to wait for. */
    private void release(String runId, String completedTask) throws IOException, GitTaskRepo.GitException {
        if (!scanner.anyWaitsFor(completedTask)) {
            return;
        }
        QueuePlan plan = scanner.current();
        String commit = scanner.commit();
        for (ScannedTask t : plan.ready()) {
            if (t.file().frontMatter().dependsOn().contains(completedTask)) {
                emitTask(t, runId, commit, new TaskReady(Snapshots.of(t), commit, plan.position(t), optionsOf(runId)));
            }
        }
    }

    private ExecutionOptions optionsOf(String runId) {
        return runs.options(runId).orElseGet(() -> {
            LOG.warn("the options of run {} are not known here; its released tasks run with the defaults", runId);
            return ExecutionOptions.defaults();
        });
    }

    private static List<String> ids(List<ScannedTask> tasks, Predicate<String> announced) {
        return tasks.stream().map(ScannedTask::id).filter(announced).toList();
    }

    /**
     * Emits a task's task.ready or task.waiting, or task.invalid instead when the event would be over the
     * broker's limit; returns whether the task was announced as it is.
     */
    private boolean emitTask(ScannedTask task, String runId, String commit, EventData data) {
        Envelope<EventData> event = Envelope.of(source, task.id(), runId, data);
        byte[] encoded = budget.codec().encode(event);
        if (budget.fits(event.key(), encoded)) {
            send(event, encoded, commit);
            return true;
        }
        emitInvalid(task.id(), runId, task.path(), 0,
                budget.overLimit(event.eventType().shortName(), budget.recordBytes(event.key(), encoded)), commit);
        return false;
    }

    private void emitInvalid(String subject, String runId, String path, int line, String problem, String commit) {
        String shown = problem.length() > MAX_PROBLEM_CHARS ? problem.substring(0, MAX_PROBLEM_CHARS) + "..." : problem;
        emit(subject, runId, commit, new TaskInvalid(path, line, shown, commit));
    }

    private void emit(String subject, String runId, String commit, EventData data) {
        Envelope<EventData> event = Envelope.of(source, subject, runId, data);
        byte[] encoded = budget.codec().encode(event);
        if (!budget.fits(event.key(), encoded)) {
            throw new IllegalStateException(event.type() + " of " + subject + " is "
                    + budget.recordBytes(event.key(), encoded) + " bytes, over the limit of " + budget.maxRecordBytes());
        }
        send(event, encoded, commit);
    }

    /** Sends without waiting (the producer keeps each partition's order), unless the log already holds it. */
    private void send(Envelope<EventData> event, byte[] encoded, String commit) {
        String name = nameOf(event);
        if (runs.published(event.runId(), commit, name)) {
            return;
        }
        unacknowledged.add(publisher.publish(topics.events(), event, encoded).whenComplete((meta, error) -> {
            if (error == null) {
                runs.markPublished(event.runId(), commit, name);
            }
        }));
    }

    /** What makes an event of a run's commit the same one on a retry: its type, subject and file. */
    private static String nameOf(Envelope<EventData> event) {
        String file = event.data() instanceof TaskInvalid i ? i.path()
                : event.data() instanceof TaskWithdrawn w ? w.path() : "";
        return event.type() + " " + event.subject() + " " + file;
    }

    /** Waits for every event sent, also after one failed: those acknowledged are then not sent again. */
    private void awaitAll() {
        RuntimeException first = null;
        for (CompletableFuture<RecordMetadata> ack : unacknowledged) {
            try {
                EventPublisher.await(ack);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        unacknowledged.clear();
        if (first != null) {
            throw first;
        }
    }
}
