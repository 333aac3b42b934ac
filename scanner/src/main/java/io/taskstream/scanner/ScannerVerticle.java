package io.taskstream.scanner;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.runtime.kafka.DeadLetters;
import io.taskstream.runtime.kafka.EventPublisher;
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
    private final io.taskstream.runtime.metrics.Meters meters;

    /** A service that measures nothing. */
    public ScannerVerticle() {
        this(io.taskstream.runtime.metrics.Meters.NONE);
    }

    /** @param meters where what this service does is counted and timed */
    public ScannerVerticle(io.taskstream.runtime.metrics.Meters meters) {
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
        ScannerConfig config = ScannerConfig.from(config());
        return vertx.executeBlocking(() -> {
            Topics topics = Topics.withPrefix(config.topicPrefix());
            EventCodec codec = new EventCodec();
            URI source = Source.of("scanner", config.instance());
            publisher = new EventPublisher(config.bootstrapServers(), "scanner-" + config.instance(), codec,
                    io.taskstream.runtime.kafka.ClientProperties.from(config())).measuredBy(meters);
            repo = new GitTaskRepo(config.taskRepo(), config.branch(), config.cacheDir(),
                    new GitTaskRepo.Identity("Taskstream Scanner", "scanner@taskstream.invalid"));
            EventBudget budget = EventBudget.of(config.bootstrapServers(), topics.events(), codec);
            IncrementalScanner scanner = new IncrementalScanner(repo, budget);
            RunMemory runs = new RunMemory();
            String group = group(config.topicPrefix());
            // one worker thread: the partitions' workers share the scanner's state and take turns with it
            consumer = new PartitionedConsumer(config.bootstrapServers(), group, "scanner-" + config.instance(),
                    topics.events(), 1, codec, new DeadLetters(publisher, topics.deadLetter(), group),
                    tp -> new ScannerWorker(scanner, config.branch(), publisher, topics, source, config.taskRepo(),
                            budget, runs), io.taskstream.runtime.kafka.ClientProperties.from(config()))
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
