package io.taskstream.scanner;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.runtime.kafka.DeadLetters;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.runtime.kafka.KafkaClientConfig;
import io.taskstream.runtime.kafka.PartitionedConsumer;
import io.taskstream.scanner.scan.EventBudget;
import io.taskstream.scanner.scan.IncrementalScanner;
import io.taskstream.scanner.scan.RunMemory;
import io.taskstream.runtime.lifecycle.Resources;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.net.URI;

/** The scanner service: answers scan requests and releases waiting tasks, from its own clone of the task repo. */
public final class ScannerVerticle extends VerticleBase {
    private final ScannerConfig config;
    private final io.taskstream.runtime.metrics.Meters meters;

    /** A service that measures nothing. */
    public ScannerVerticle(ScannerConfig config) {
        this(config, io.taskstream.runtime.metrics.Meters.NONE);
    }

    /**
     * @param config what this instance scans and where it keeps its clone
     * @param meters where what this service does is counted and timed
     */
    public ScannerVerticle(ScannerConfig config, io.taskstream.runtime.metrics.Meters meters) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.meters = meters;
    }

    /** The scanners' consumer group of the pipeline whose topics start with {@code topicPrefix}. */
    public static String group(String topicPrefix) {
        return topicPrefix + "-scanner";
    }

    private EventPublisher publisher;
    private PartitionedConsumer consumer;
    private GitTaskRepo repo;

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(() -> {
            KafkaClientConfig kafka = config.kafka();
            Topics topics = kafka.topics();
            EventCodec codec = new EventCodec();
            URI source = Source.of("scanner", config.instance());
            publisher = new EventPublisher(kafka.bootstrapServers(), "scanner-" + config.instance(), codec,
                    kafka.clientProperties()).measuredBy(meters);
            repo = new GitTaskRepo(config.taskRepo(), config.branch(), config.cacheDir(),
                    new GitTaskRepo.Identity("Taskstream Scanner", "scanner@taskstream.invalid"));
            EventBudget budget = EventBudget.of(kafka.bootstrapServers(), topics.events(), codec,
                    kafka.clientProperties());
            IncrementalScanner scanner = new IncrementalScanner(repo, budget);
            RunMemory runs = new RunMemory();
            String group = group(kafka.topicPrefix());
            // one worker thread: the partitions' workers share the scanner's state and take turns with it
            consumer = new PartitionedConsumer(kafka.bootstrapServers(), group, "scanner-" + config.instance(),
                    topics.events(), 1, codec, new DeadLetters(publisher, topics.deadLetter(), group),
                    tp -> new ScannerWorker(scanner, config.branch(), publisher, topics, source, config.taskRepo(),
                            budget, runs), kafka.clientProperties())
                    .measuredBy(meters).loggingAs("scanner", config.instance()).start();
            return null;
        });
    }

    @Override
    public Future<?> stop() {
        return vertx.executeBlocking(() -> {
            Resources.closeAll(consumer, publisher, repo);
            return null;
        });
    }
}
