package io.taskstream.scanner;

import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.Topics;
import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.runtime.kafka.Consumed;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.runtime.kafka.PartitionWorker;
import io.taskstream.scanner.queue.QueuePlan;
import io.taskstream.scanner.queue.TaskQueue;
import io.taskstream.scanner.scan.InvalidFile;
import io.taskstream.scanner.scan.RepoScan;
import io.taskstream.scanner.scan.ScannedTask;
import io.taskstream.scanner.scan.Snapshots;
import io.taskstream.scanner.scan.TaskRepoReader;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers scan requests with the task events of one scan, and releases waiting tasks when a task they
 * depend on completes. It keeps no state of its own: the task repo at its newest commit is the truth,
 * so a redelivered request scans again and the executor drops the repeated task.ready.
 */
final class ScannerWorker implements PartitionWorker {
    private final GitTaskRepo repo;
    private final TaskRepoReader reader = new TaskRepoReader();
    private final TaskQueue queue = new TaskQueue();
    private final EventPublisher publisher;
    private final Topics topics;
    private final URI source;
    private final String repository;

    ScannerWorker(GitTaskRepo repo, EventPublisher publisher, Topics topics, URI source, String repository) {
        this.repo = repo;
        this.publisher = publisher;
        this.topics = topics;
        this.source = source;
        this.repository = repository;
    }

    @Override
    public long handle(List<Consumed> batch, long nextOffset, boolean caughtUp)
            throws IOException, GitTaskRepo.GitException {
        for (Consumed c : batch) {
            EventData data = c.event().data();
            if (data instanceof ScanRequested request) {
                scan(c.event().runId(), request);
            } else if (data instanceof TaskCompleted) {
                release(c.event().runId(), c.event().subject());
            }
        }
        return nextOffset;
    }

    private void scan(String runId, ScanRequested request) throws IOException, GitTaskRepo.GitException {
        Planned plan = plan();
        String commit = plan.commit;
        for (InvalidFile bad : plan.queue.invalid()) {
            emit(bad.taskId() == null ? bad.path() : bad.taskId(), runId,
                    new TaskInvalid(bad.path(), bad.line(), bad.problem(), commit));
        }
        for (Map.Entry<ScannedTask, List<String>> w : plan.queue.waiting().entrySet()) {
            emit(w.getKey().id(), runId, new TaskWaiting(Snapshots.of(w.getKey()), commit, w.getValue()));
        }
        for (ScannedTask t : plan.queue.ready()) {
            emit(t.id(), runId, new TaskReady(Snapshots.of(t), commit, plan.queue.position(t), request.options()));
        }
        emit(runId, runId, new ScanCompleted(repository, repo.branch(), commit, ids(plan.queue.ready()),
                ids(List.copyOf(plan.queue.waiting().keySet())),
                plan.queue.invalid().stream().map(InvalidFile::path).distinct().toList(), ids(plan.queue.completed()),
                ids(plan.queue.blocked())));
    }

    /** Emits task.ready for each task that waited on the completed one and now has nothing left to wait for. */
    private void release(String runId, String completedTask) throws IOException, GitTaskRepo.GitException {
        Planned plan = plan();
        for (ScannedTask t : plan.queue.ready()) {
            if (t.file().frontMatter().dependsOn().contains(completedTask)) {
                emit(t.id(), runId, new TaskReady(Snapshots.of(t), plan.commit, plan.queue.position(t),
                        ExecutionOptions.defaults()));
            }
        }
    }

    private Planned plan() throws IOException, GitTaskRepo.GitException {
        synchronized (repo) {
            String commit = repo.sync();
            RepoScan scan = reader.read(repo.workTree(), commit);
            return new Planned(commit, queue.plan(scan));
        }
    }

    private record Planned(String commit, QueuePlan queue) {
    }

    private static List<String> ids(List<ScannedTask> tasks) {
        List<String> ids = new ArrayList<>();
        tasks.forEach(t -> ids.add(t.id()));
        return ids;
    }

    private void emit(String subject, String runId, EventData data) {
        publisher.publishAndWait(topics.events(), Envelope.of(source, subject, runId, data));
    }
}
