package io.taskstream.verifier;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.Source;
import io.taskstream.events.envelope.Topics;
import io.taskstream.runtime.git.GitTaskRepo;
import io.taskstream.runtime.kafka.DeadLetters;
import io.taskstream.runtime.kafka.EventPublisher;
import io.taskstream.runtime.kafka.KafkaClientConfig;
import io.taskstream.runtime.kafka.PartitionedConsumer;
import io.taskstream.runtime.process.CommandRunner;
import io.taskstream.runtime.process.Workspace;
import io.taskstream.actions.CriterionSteps;
import io.taskstream.actions.Tools;
import io.taskstream.actions.VerifiedCommits;
import io.taskstream.actions.workspace.RepoClaims;
import io.taskstream.verifier.evidence.EvidenceKey;
import io.taskstream.verifier.evidence.EvidenceWriter;
import io.taskstream.verifier.record.TaskRecorder;
import io.taskstream.runtime.lifecycle.Resources;
import io.taskstream.runtime.work.KeyedWork;
import io.taskstream.runtime.work.TaskDispatch;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/** The verifier service: one member of the verifier consumer group, with its own clone of the task repo. */
public final class VerifierVerticle extends VerticleBase {
    private final VerifierConfig config;
    private final io.taskstream.runtime.metrics.Meters meters;
    private final RepoClaims claims;

    /** A service that measures nothing. */
    public VerifierVerticle(VerifierConfig config) {
        this(config, io.taskstream.runtime.metrics.Meters.NONE);
    }

    /**
     * @param config what this instance reaches and how it works
     * @param meters where what this service does is counted and timed
     */
    public VerifierVerticle(VerifierConfig config, io.taskstream.runtime.metrics.Meters meters) {
        this(config, meters, new RepoClaims());
    }

    /**
     * @param claims who works in which workspace repository: the executors' of this process, when they share the
     *               workspace, so that a commit waits for a criterion running in its repository
     */
    public VerifierVerticle(VerifierConfig config, io.taskstream.runtime.metrics.Meters meters, RepoClaims claims) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.meters = meters;
        this.claims = java.util.Objects.requireNonNull(claims, "claims");
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VerifierVerticle.class);
    /** The verifiers' consumer group of the pipeline whose topics start with {@code topicPrefix}. */
    public static String group(String topicPrefix) {
        return topicPrefix + "-verifier";
    }
    /** Folding the log is quick: the checks and records run on {@link KeyedWork}. */
    private static final int LANE_THREADS = 2;

    private EventPublisher publisher;
    private PartitionedConsumer consumer;
    private KeyedWork work;
    private Tools tools;
    private GitTaskRepo repo;

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(() -> {
            KafkaClientConfig kafka = config.kafka();
            Topics topics = kafka.topics();
            EventCodec codec = new EventCodec();
            URI source = Source.of("verifier", config.instance());
            publisher = new EventPublisher(kafka.bootstrapServers(), "verifier-" + config.instance(), codec,
                    kafka.clientProperties()).measuredBy(meters);
            repo = GitTaskRepo.bare(config.taskRepo(), config.branch(), config.cloneDir(),
                    new GitTaskRepo.Identity(config.committerName(), config.committerEmail())).measuredBy(meters);
            repo.sync();
            TaskRecorder recorder = new TaskRecorder(repo, Clock.systemUTC(),
                    new EvidenceWriter(evidenceKey(config), config.instance(), Clock.systemUTC()));
            tools = Tools.open(config.actions(), CommandRunner.defaults());
            CriterionSteps steps = new CriterionSteps(new Workspace(config.workspaceRoot()),
                    tools, config.secrets(), config.defaultTimeout(), claims);
            work = new KeyedWork(config.concurrency(), "verifier-" + config.instance());
            String group = group(kafka.topicPrefix());
            consumer = new PartitionedConsumer(kafka.bootstrapServers(), group, "verifier-" + config.instance(),
                    topics.events(), LANE_THREADS, codec,
                    new DeadLetters(publisher, topics.deadLetter(), group),
                    tp -> new TaskDispatch(work, tp, runs -> new VerifierWorker(runs, steps,
                            new VerifiedCommits(steps.changes(), config.actions().commitWorkspaceRepos()), recorder,
                            publisher, topics, source)), kafka.clientProperties())
                    .measuredBy(meters).loggingAs("verifier", config.instance()).start();
            return null;
        });
    }

    /** The configured key, or the generated one (made on first start); its public half goes to the log. */
    private static EvidenceKey evidenceKey(VerifierConfig config) throws Exception {
        Path file = config.evidenceKeyFile();
        boolean existed = java.nio.file.Files.exists(file);
        EvidenceKey key = config.evidenceKeyGenerated() ? EvidenceKey.loadOrGenerate(file) : EvidenceKey.load(file);
        LOG.info("{} signs evidence with key id {} ({}{}); its public key:\n{}", config.instance(), key.keyId(),
                file, existed ? "" : ", generated now; public half in " + EvidenceKey.publicFile(file),
                key.publicPem());
        return key;
    }

    @Override
    public Future<?> stop() {
        return vertx.executeBlocking(() -> {
            Resources.closeAll(consumer, work, publisher, repo, tools);
            return null;
        });
    }
}
