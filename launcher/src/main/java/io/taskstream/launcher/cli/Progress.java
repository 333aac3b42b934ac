package io.taskstream.launcher.cli;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.codec.PoisonEventException;
import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;

/** Prints one line per event of a run as it happens, so that work in progress is visible. */
final class Progress implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final KafkaConsumer<String, byte[]> consumer;
    private final EventCodec codec = new EventCodec();
    private final PrintStream out;
    private final Thread thread;
    private volatile String runId;
    private volatile boolean running = true;

    /** Positions at the end of the log before returning, so that nothing of a run requested afterwards is missed. */
    Progress(String bootstrapServers, String topic, PrintStream out) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position);
        this.out = out;
        this.thread = new Thread(this::loop, "progress");
        thread.setDaemon(true);
    }

    void follow(String runId) {
        this.runId = runId;
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        Envelope<EventData> e = codec.decode(r.value());
                        if (e.runId().equals(runId)) {
                            String text = describe(e.data());
                            if (text != null) {
                                out.printf("%s  %-10s %s%n", TIME.format(e.time()), e.subject().length() > 10
                                        ? "" : e.subject(), text);
                            }
                        }
                    } catch (PoisonEventException ignored) {
                        // the services dead-letter these; nothing to show
                    }
                }
            }
        } catch (WakeupException ignored) {
            // closing
        } finally {
            consumer.close();
        }
    }

    static String describe(EventData d) {
        if (d instanceof ScanCompleted s) {
            return "scan of " + s.commit().substring(0, 7) + ": " + s.ready().size() + " ready, " + s.waiting().size()
                    + " waiting, " + s.invalid().size() + " invalid, " + s.completed().size() + " already completed";
        } else if (d instanceof TaskInvalid t) {
            return "invalid: " + t.path() + ":" + t.line() + ": " + t.problem();
        } else if (d instanceof TaskWaiting w) {
            return "waiting for " + String.join(", ", w.waitingOn());
        } else if (d instanceof TaskReady r) {
            return "ready (queue position " + r.queuePosition() + ", " + r.task().priority() + ")";
        } else if (d instanceof CriterionStarted s) {
            return "criterion " + s.criterion() + " started (attempt " + s.attempt() + "): " + s.text();
        } else if (d instanceof CriterionCompleted c) {
            return "criterion " + c.criterion() + " ran in " + c.durationMillis() + " ms";
        } else if (d instanceof CriterionFailed f) {
            return "criterion " + f.criterion() + " failed: " + f.reason()
                    + (f.isFinal() ? " (final)" : " (retry due " + TIME.format(f.retryAt()) + ")");
        } else if (d instanceof CriterionSkipped s) {
            return "criterion " + s.criterion() + " skipped: " + s.detail();
        } else if (d instanceof CriterionVerified v) {
            return "criterion " + v.criterion() + " verified, recorded in " + v.commit().substring(0, 7);
        } else if (d instanceof VerificationFailed v) {
            return "criterion " + v.criterion() + " not verified: " + v.reason();
        } else if (d instanceof TaskCompleted c) {
            return "completed, archived to " + c.archivedPath() + " in " + c.commit().substring(0, 7);
        } else if (d instanceof TaskBlocked b) {
            return "blocked" + (b.needsHuman() ? " (needs a person)" : "") + ": " + b.reason();
        }
        return null;
    }

    @Override
    public void close() {
        running = false;
        if (thread.isAlive()) {
            consumer.wakeup();
        } else {
            consumer.close();
        }
    }
}
