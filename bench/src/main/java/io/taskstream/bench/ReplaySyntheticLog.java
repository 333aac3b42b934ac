package io.taskstream.bench;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.events.envelope.EventType;
import io.taskstream.events.envelope.Source;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

/**
 * Writes a realistic event log: runs of {@code tasksPerRun} tasks of 3 criteria each (a scan request and summary
 * per run, task.ready with the task's snapshot, per criterion started, completed, verified; about 10% of attempts
 * fail and are retried, 3% of checks fail after a successful command, a task whose criterion gives up is blocked,
 * the others complete). Fixed seed, so every run of the harness writes the same log.
 */
final class ReplaySyntheticLog {
    private static final URI SCANNER = Source.of("scanner", "scanner-1");
    private static final URI EXECUTOR = Source.of("executor", "executor-1");
    private static final URI VERIFIER = Source.of("verifier", "verifier-1");
    private static final String[] TYPES = {"build", "deployment", "configuration", "verification", "general"};
    private static final String COMMIT = "3f9c2a7d51e04b8c9a6f2e1d0c7b5a4938f6e2d1";

    private final EventCodec codec = new EventCodec();
    private final Random random = new Random(42);
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private long written;
    private long bytes;
    private int seq;
    private Instant clock = Instant.parse("2025-01-06T08:00:00Z");

    ReplaySyntheticLog(String bootstrapServers, String topic) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    /** Writes at least {@code events} events, whole runs, and waits until the broker has them all. */
    long write(long events, int tasksPerRun) {
        int run = 0;
        while (written < events) {
            run(String.format("run-%05d", ++run), tasksPerRun);
        }
        producer.flush();
        producer.close();
        return written;
    }

    long bytes() {
        return bytes;
    }

    private void run(String runId, int tasks) {
        clock = clock.plusSeconds(3600);
        List<String> ids = new ArrayList<>();
        for (int t = 1; t <= tasks; t++) {
            ids.add(String.format("TASK-%04d", t));
        }
        send(runId, runId, SCANNER, new ScanRequested("", "main", false, "webhook:github", ExecutionOptions.defaults()));
        send(runId, runId, SCANNER, new ScanCompleted("file:///srv/git/infra-tasks.git", "main", COMMIT, ids,
                List.of(), List.of(), List.of(), List.of(), List.of(), false, ""));
        for (int t = 0; t < tasks; t++) {
            task(runId, ids.get(t), t);
        }
    }

    private void task(String runId, String id, int index) {
        String type = TYPES[index % TYPES.length];
        List<CriterionSpec> criteria = new ArrayList<>();
        for (int c = 1; c <= 3; c++) {
            criteria.add(new CriterionSpec(c, "Criterion " + c + " of " + id, 10 + c, false,
                    List.of("./scripts/step-" + (index % 40) + "-" + c + ".sh --env staging"), "services/" + type,
                    Map.of(), 0, List.of("test -s build/out-" + c + ".txt"), c == 1 ? List.of() : List.of(c - 1),
                    List.of()));
        }
        TaskSnapshot snapshot = new TaskSnapshot(id, "Synthetic " + type + " task " + id, "high", "active",
                "tasks/active/" + id + ".md", List.of(type, "synthetic"), List.of(), type, criteria);
        send(runId, id, SCANNER, new TaskReady(snapshot, COMMIT, index + 1, ExecutionOptions.defaults()));
        for (CriterionSpec c : criteria) {
            if (!criterion(runId, id, c)) {
                send(runId, id, VERIFIER, new TaskBlocked(snapshot.title(), "criterion " + c.number()
                        + " failed after 2 attempts", false, List.of(c.number() + ": failed"), COMMIT));
                return;
            }
        }
        send(runId, id, VERIFIER, new TaskCompleted(snapshot.title(), COMMIT, "tasks/completed/" + id + ".md", 3));
    }

    /** @return whether it was verified */
    private boolean criterion(String runId, String id, CriterionSpec c) {
        for (int attempt = 1; attempt <= 2; attempt++) {
            String attemptId = id + "-" + c.number() + "-" + attempt + "-" + seq;
            send(runId, id, EXECUTOR, new CriterionStarted(c.number(), c.text(), attempt, attemptId, "executor-1",
                    c.run(), c.workingDir(), false));
            double roll = random.nextDouble();
            if (roll < 0.10) {
                Instant retryAt = attempt == 1 ? clock.plusSeconds(2) : null;
                send(runId, id, EXECUTOR, new CriterionFailed(c.number(), c.text(), attempt, attemptId,
                        FailureCause.RUN_FAILED, 2, 1500, "make: *** [all] Error 2\n", "step 1 exited with 2", retryAt));
                if (retryAt != null) {
                    send(runId, id, EXECUTOR, new CriterionRetry(c.number(), c.text(), attempt + 1, retryAt,
                            FailureCause.RUN_FAILED));
                }
                continue;
            }
            send(runId, id, EXECUTOR, new CriterionCompleted(c.number(), c.text(), attempt, attemptId, 0, 1200,
                    "built 3 images\nok\n", 18, false));
            if (roll < 0.13) {
                send(runId, id, VERIFIER, new VerificationFailed(c.number(), c.text(), attempt, 1, "",
                        "check 1 (" + c.verify().get(0) + ") exited with 1", false));
                send(runId, id, EXECUTOR, new CriterionFailed(c.number(), c.text(), attempt, attemptId,
                        FailureCause.VERIFICATION_FAILED, 1, 0, "", "verification failed",
                        attempt == 1 ? clock.plusSeconds(2) : null));
                continue;
            }
            send(runId, id, VERIFIER, new CriterionVerified(c.number(), c.text(), attempt, COMMIT, 300, "ok\n",
                    c.verify(), List.of()));
            return true;
        }
        return false;
    }

    private void send(String runId, String subject, URI source, EventData data) {
        clock = clock.plusMillis(250);
        Envelope<EventData> e = new Envelope<>(runId + "-" + (++seq), EventType.of(data).type(), source, subject,
                clock, runId, data);
        byte[] value = codec.encode(e);
        bytes += value.length;
        written++;
        producer.send(new ProducerRecord<>(topic, subject, value));
    }
}
