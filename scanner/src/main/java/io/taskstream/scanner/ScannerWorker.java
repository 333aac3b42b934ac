package io.taskstream.scanner;

import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Topics;
import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.runtime.kafka.Consumed;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.runtime.kafka.PartitionWorker;
import io.taskstream.scanner.queue.QueuePlan;
import io.taskstream.scanner.scan.IncrementalScanner;
import io.taskstream.scanner.scan.InvalidFile;
import io.taskstream.scanner.scan.ScanOutcome;
import io.taskstream.scanner.scan.ScannedTask;
import io.taskstream.scanner.scan.Snapshots;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Answers scan requests with the task events of one scan, and releases waiting tasks when a task they
 * depend on completes. The task repo at its newest commit is the truth: a redelivered request scans again
 * and the executor drops the repeated task.ready.
 */
final class ScannerWorker implements PartitionWorker {
    private final IncrementalScanner scanner;
    private final String branch;
    private final EventPublisher publisher;
    private final Topics topics;
    private final URI source;
    private final String repository;
    private final List<CompletableFuture<RecordMetadata>> unacknowledged = new java.util.ArrayList<>();
    /** The options each run was requested with, so that tasks released later run the same way; bounded. */
    private final Map<String, ExecutionOptions> runOptions = new java.util.LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ExecutionOptions> eldest) {
            return size() > 10_000;
        }
    };

    ScannerWorker(IncrementalScanner scanner, String branch, EventPublisher publisher, Topics topics, URI source,
                  String repository) {
        this.scanner = scanner;
        this.branch = branch;
        this.publisher = publisher;
        this.topics = topics;
        this.source = source;
        this.repository = repository;
    }

    @Override
    public long handle(List<Consumed> batch, long nextOffset, boolean caughtUp)
            throws IOException, GitTaskRepo.GitException {
        unacknowledged.clear();
        for (Consumed c : batch) {
            EventData data = c.event().data();
            if (data instanceof ScanRequested request) {
                scan(c.event().runId(), request);
            } else if (data instanceof TaskCompleted) {
                release(c.event().runId(), c.event().subject());
            }
        }
        // Sent without waiting one by one (the producer keeps each partition's order); acknowledged as a
        // whole before the offset may move.
        unacknowledged.forEach(EventPublisher::await);
        unacknowledged.clear();
        return nextOffset;
    }

    private void scan(String runId, ScanRequested request) throws IOException, GitTaskRepo.GitException {
        runOptions.put(runId, request.options());
        ScanOutcome outcome = scanner.scan(request.full());
        QueuePlan plan = outcome.plan();
        String commit = outcome.commit();
        Predicate<String> announced = outcome::announces;
        for (InvalidFile bad : plan.invalid()) {
            String key = bad.taskId() == null ? bad.path() : bad.taskId();
            if (announced.test(key)) {
                emit(key, runId, new TaskInvalid(bad.path(), bad.line(), bad.problem(), commit));
            }
        }
        for (ScanOutcome.Withdrawal w : outcome.withdrawn()) {
            emit(w.taskId(), runId, new TaskWithdrawn(w.path(), w.reason(), commit));
        }
        for (Map.Entry<ScannedTask, List<String>> w : plan.waiting().entrySet()) {
            if (announced.test(w.getKey().id())) {
                emit(w.getKey().id(), runId, new TaskWaiting(Snapshots.of(w.getKey()), commit, w.getValue()));
            }
        }
        for (ScannedTask t : plan.ready()) {
            if (announced.test(t.id())) {
                emit(t.id(), runId, new TaskReady(Snapshots.of(t), commit, plan.position(t), request.options()));
            }
        }
        emit(runId, runId, new ScanCompleted(repository, branch, commit, ids(plan.ready(), announced),
                ids(List.copyOf(plan.waiting().keySet()), announced),
                plan.invalid().stream().filter(b -> announced.test(b.taskId() == null ? b.path() : b.taskId()))
                        .map(InvalidFile::path).distinct().toList(),
                ids(plan.completed(), announced), ids(plan.blocked(), announced),
                outcome.withdrawn().stream().map(ScanOutcome.Withdrawal::taskId).toList(),
                outcome.incremental(), outcome.previousCommit()));
    }

    /** Emits task.ready for each task that waited on the completed one and now has nothing left to wait for. */
    private void release(String runId, String completedTask) throws IOException, GitTaskRepo.GitException {
        if (!scanner.anyWaitsFor(completedTask)) {
            return;
        }
        QueuePlan plan = scanner.current();
        for (ScannedTask t : plan.ready()) {
            if (t.file().frontMatter().dependsOn().contains(completedTask)) {
                emit(t.id(), runId, new TaskReady(Snapshots.of(t), scanner.commit(), plan.position(t),
                        runOptions.getOrDefault(runId, ExecutionOptions.defaults())));
            }
        }
    }

    private static List<String> ids(List<ScannedTask> tasks, Predicate<String> announced) {
        return tasks.stream().map(ScannedTask::id).filter(announced).toList();
    }

    private void emit(String subject, String runId, EventData data) {
        unacknowledged.add(publisher.publish(topics.events(), Envelope.of(source, subject, runId, data)));
    }
}
