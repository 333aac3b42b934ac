package io.taskstream.executor;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.executor.retry.RetryForwarder;
import io.taskstream.executor.retry.RetryPolicy;
import io.taskstream.actions.CriterionSteps;
import io.taskstream.actions.Tools;
import io.taskstream.actions.workspace.RepoClaims;
import io.taskstream.runtime.kafka.DeadLetters;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.runtime.kafka.KafkaClientConfig;
import io.taskstream.runtime.kafka.PartitionedConsumer;
import io.taskstream.runtime.process.CommandRunner;
import io.taskstream.runtime.process.Workspace;
import io.taskstream.runtime.lifecycle.Resources;
import io.taskstream.runtime.work.KeyedWork;
import io.taskstream.runtime.work.TaskDispatch;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.net.URI;
import java.time.Clock;

/** The executor service: one member of the executor consumer group, plus its retry forwarder. */
public final class ExecutorVerticle extends VerticleBase {
    private final ExecutorConfig config;
    private final io.taskstream.runtime.metrics.Meters meters;
    private final RepoClaims claims;

    /** A service that measures nothing. */
    public ExecutorVerticle(ExecutorConfig config) {
        this(config, io.taskstream.runtime.metrics.Meters.NONE);
    }

    /**
     * @param config what this instance reaches and how it works
     * @param meters where what this service does is counted and timed
     */
    public ExecutorVerticle(ExecutorConfig config, io.taskstream.runtime.metrics.Meters meters) {
        this(config, meters, new RepoClaims());
    }

    /**
     * @param claims who works in which workspace repository: the same for every executor of the process that shares
     *               its workspace
     */
    public ExecutorVerticle(ExecutorConfig config, io.taskstream.runtime.metrics.Meters meters, RepoClaims claims) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.meters = meters;
        this.claims = java.util.Objects.requireNonNull(claims, "claims");
    }

    /**
     * The executors' consumer group of the pipeline whose topics start with {@code topicPrefix}: pipelines with
     * other prefixes on the same cluster keep their own ({@code taskstream} gives {@code taskstream-executor}).
     */
    public static String group(String topicPrefix) {
        return topicPrefix + "-executor";
    }
    /** Folding the log is quick: the work itself runs on {@link KeyedWork}. */
    private static final int LANE_THREADS = 2;

    private EventPublisher publisher;
    private PartitionedConsumer consumer;
    private KeyedWork work;
    private Tools tools;
    private RetryForwarder forwarder;

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(() -> {
            KafkaClientConfig kafka = config.kafka();
            Topics topics = kafka.topics();
            EventCodec codec = new EventCodec();
            URI source = Source.of("executor", config.instance());
            publisher = new EventPublisher(kafka.bootstrapServers(), "executor-" + config.instance(), codec,
                    kafka.clientProperties()).measuredBy(meters);
            String group = group(kafka.topicPrefix());
            DeadLetters deadLetters = new DeadLetters(publisher, topics.deadLetter(), group);
            tools = Tools.open(config.actions(), CommandRunner.defaults());
            CriterionSteps steps = new CriterionSteps(new Workspace(config.workspaceRoot()),
                    tools, config.secrets(), config.defaultTimeout(), claims);
            RetryPolicy retries = new RetryPolicy(config.maxAttempts(), config.retryBackoff());
            work = new KeyedWork(config.concurrency(), "executor-" + config.instance());
            consumer = new PartitionedConsumer(kafka.bootstrapServers(), group, "executor-" + config.instance(),
                    topics.events(), LANE_THREADS, codec, deadLetters,
                    tp -> new TaskDispatch(work, tp, runs -> new ExecutorWorker(runs, steps, publisher, topics,
                            retries, deadLetters, codec, source, config.instance(), Clock.systemUTC())),
                    kafka.clientProperties())
                    .measuredBy(meters).loggingAs("executor", config.instance()).start();
            forwarder = new RetryForwarder(kafka.bootstrapServers(), group + "-retry", "executor-" + config.instance(),
                    topics.retry(), topics.events(), publisher, deadLetters, codec, Clock.systemUTC(),
                    kafka.clientProperties()).measuredBy(meters).loggingAs("executor", config.instance()).start();
            return null;
        });
    }

    @Override
    public Future<?> stop() {
        return vertx.executeBlocking(() -> {
            Resources.closeAll(forwarder, consumer, work, publisher, tools);
            return null;
        });
    }

    /** Stops as a crash would: no waiting for work in progress, no offsets committed. */
    public Future<?> crash() {
        return vertx.executeBlocking(() -> {
            consumer.crash();
            work.halt();
            forwarder.close();
            tools.close();
            return null;
        });
    }
}
