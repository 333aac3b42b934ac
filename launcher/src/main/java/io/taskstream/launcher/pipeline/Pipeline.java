package io.taskstream.launcher.pipeline;

import io.taskstream.actions.ActionsConfig;
import io.taskstream.events.envelope.Topics;
import io.taskstream.executor.ExecutorConfig;
import io.taskstream.executor.ExecutorVerticle;
import io.taskstream.reporter.ReporterConfig;
import io.taskstream.reporter.ReporterVerticle;
import io.taskstream.runtime.kafka.KafkaClientConfig;
import io.taskstream.runtime.kafka.TopicSetup;
import io.taskstream.runtime.process.Secrets;
import io.taskstream.scanner.ScannerConfig;
import io.taskstream.scanner.ScannerVerticle;
import io.taskstream.scanner.webhook.WebhookConfig;
import io.taskstream.scanner.webhook.WebhookVerticle;
import io.taskstream.verifier.VerifierConfig;
import io.taskstream.verifier.VerifierVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Wires the services: one place that turns a {@link PipelineConfig} into deployed verticles. */
public final class Pipeline {
    private static final String PROCESS = processName(hostName(), ProcessHandle.current().pid());
    private final Vertx vertx;
    private final PipelineConfig config;
    private final String process;
    private final java.util.Map<String, String> environment;
    private final List<String> deployments = new ArrayList<>();
    private WebhookVerticle webhook;
    private ReporterVerticle reporter;
    private volatile io.taskstream.launcher.health.Liveness liveness = io.taskstream.launcher.health.Liveness.STARTING;
    private io.taskstream.launcher.health.ProcessMeters meters;
    private io.taskstream.launcher.health.HealthServer health;

    /** A pipeline whose executors are named after this host and process ({@code executor-N.<host>-<pid>}). */
    public Pipeline(Vertx vertx, PipelineConfig config) {
        this(vertx, config, PROCESS, System.getenv());
    }

    /**
     * @param process     what names this pipeline's executors among all those of the group
     *                    ({@code executor-N.<process>}); two pipelines sharing a group must use different ones
     * @param environment where the {@code TASKSTREAM_SECRET_*} variables are read: the process's, or a test's
     */
    public Pipeline(Vertx vertx, PipelineConfig config, String process, java.util.Map<String, String> environment) {
        this.vertx = vertx;
        this.config = config;
        this.process = process;
        this.environment = java.util.Map.copyOf(environment);
    }

    /** Creates missing topics, then deploys the services, the reporter first so that it sees the run start. */
    public Future<Void> start(Set<Service> services) {
        liveness = io.taskstream.launcher.health.Liveness.STARTING;
        return startHealth(services).compose(h -> deployAll(services))
                .onSuccess(v -> liveness = io.taskstream.launcher.health.Liveness.STARTED)
                .onFailure(e -> liveness = io.taskstream.launcher.health.Liveness.FAILED);
    }

    /** With a health endpoint configured: the process's registry, and probes served from before the first deploy. */
    private Future<Void> startHealth(Set<Service> services) {
        if (config.health() == null || health != null) {
            return Future.succeededFuture();
        }
        meters = new io.taskstream.launcher.health.ProcessMeters();
        java.util.Map<String, io.taskstream.launcher.health.ReadinessCheck> checks = new java.util.LinkedHashMap<>();
        checks.put("broker", new io.taskstream.launcher.health.BrokerCheck(config.bootstrapServers(), config.kafka(),
                java.time.Clock.systemUTC()));
        if (services.contains(Service.SCANNER) || services.contains(Service.VERIFIER)) {
            checks.put("taskRepo", new io.taskstream.launcher.health.TaskRepoCheck(config.taskRepo(), config.branch(),
                    java.time.Clock.systemUTC()));
        }
        health = new io.taskstream.launcher.health.HealthServer(vertx, () -> liveness, checks, meters.registry());
        return health.start(config.health().host(), config.health().port());
    }

    private io.taskstream.runtime.metrics.Meters meters() {
        return meters == null ? io.taskstream.runtime.metrics.Meters.NONE : meters.meters();
    }

    /** The port of the probe and metrics endpoint, once started. */
    public int healthPort() {
        if (health == null) {
            throw new IllegalStateException("no health endpoint in this pipeline");
        }
        return health.actualPort();
    }

    private Future<Void> deployAll(Set<Service> services) {
        List<io.vertx.core.Deployable> verticles;
        try {
            verticles = verticles(services);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return vertx.executeBlocking(() -> {
            TopicSetup.ensure(config.bootstrapServers(), Topics.withPrefix(config.topicPrefix()), config.partitions(),
                    (short) 1, config.kafka());
            return null;
        }).compose(v -> {
            Future<Void> chain = Future.succeededFuture();
            for (io.vertx.core.Deployable verticle : verticles) {
                chain = chain.compose(x -> deploy(verticle));
            }
            return chain;
        });
    }

    /**
     * The services in the order they are deployed, the reporter first; building their configs checks every value
     * before anything is deployed.
     */
    private List<io.vertx.core.Deployable> verticles(Set<Service> services) {
        List<io.vertx.core.Deployable> verticles = new ArrayList<>();
        // One per process: its executors and verifier share the workspace, and take turns in its repositories.
        var claims = new io.taskstream.actions.workspace.RepoClaims();
        if (services.contains(Service.REPORTER)) {
            reporter = new ReporterVerticle(reporter());
            verticles.add(reporter);
        }
        if (services.contains(Service.VERIFIER)) {
            verticles.add(new VerifierVerticle(verifier(), meters(), claims));
        }
        if (services.contains(Service.EXECUTOR)) {
            for (int i = 1; i <= config.executors(); i++) {
                verticles.add(new ExecutorVerticle(executor(i), meters(), claims));
            }
        }
        if (services.contains(Service.SCANNER)) {
            verticles.add(new ScannerVerticle(scanner(), meters()));
            if (config.webhook() != null) {
                webhook = new WebhookVerticle(webhook());
                verticles.add(webhook);
            }
        }
        return verticles;
    }

    /** Undeploys the services, the last deployed first, then closes the health endpoint. */
    public Future<Void> stop() {
        liveness = io.taskstream.launcher.health.Liveness.STOPPING;
        Future<Void> chain = Future.succeededFuture();
        for (int i = deployments.size() - 1; i >= 0; i--) {
            String id = deployments.get(i);
            chain = chain.compose(x -> vertx.undeploy(id));
        }
        return chain.onComplete(x -> deployments.clear()).eventually(this::stopHealth);
    }

    private Future<Void> stopHealth() {
        if (health == null) {
            return Future.succeededFuture();
        }
        io.taskstream.launcher.health.HealthServer h = health;
        io.taskstream.launcher.health.ProcessMeters m = meters;
        health = null;
        meters = null;
        return h.stop().andThen(x -> m.close());
    }

    private Future<Void> deploy(io.vertx.core.Deployable verticle) {
        return vertx.deployVerticle(verticle, new DeploymentOptions()).onSuccess(deployments::add).mapEmpty();
    }

    /** The port the webhook endpoint listens on, once started. */
    public int webhookPort() {
        if (webhook == null) {
            throw new IllegalStateException("no webhook endpoint in this pipeline");
        }
        return webhook.actualPort();
    }

    private KafkaClientConfig kafka() {
        return new KafkaClientConfig(config.bootstrapServers(), config.topicPrefix(), config.kafka());
    }

    private ScannerConfig scanner() {
        return new ScannerConfig(kafka(), "scanner-1", config.taskRepo(), config.branch(),
                config.stateDir().resolve("scanner/clone"));
    }

    /** Secrets the webhook's config does not name come from the environment ({@code TASKSTREAM_GITHUB_SECRET}…). */
    private WebhookConfig webhook() {
        PipelineConfig.Webhook w = config.webhook();
        return WebhookConfig.defaults(kafka(), w.repositories(), WebhookConfig.Secrets.from(w.secrets(), environment))
                .withAddress(w.host(), w.port()).withPushesOf(w.repositories(), config.branch());
    }

    /** Secrets from the launcher's environment ({@code TASKSTREAM_SECRET_*}); they stay in this process. */
    private Map<String, String> secrets() {
        return Secrets.fromEnvironment(environment);
    }

    private ExecutorConfig executor(int n) {
        // Executors on many hosts and in many processes share one group: the name says which one ran an attempt.
        return new ExecutorConfig(kafka(), "executor-" + n + "." + process, config.workspace(), config.maxAttempts(),
                Duration.ofMillis(config.retryBackoffMillis()), ExecutorConfig.DEFAULT_TIMEOUT, config.concurrency(),
                secrets(), actions("executor-" + n));
    }

    private ActionsConfig actions(String instance) {
        return config.actions().withStateDir(config.stateDir().resolve(instance));
    }

    private VerifierConfig verifier() {
        Path cloneDir = config.stateDir().resolve("verifier/clone");
        return VerifierConfig.defaults(kafka(), "verifier-1", config.taskRepo(), cloneDir, config.workspace())
                .withBranch(config.branch()).withConcurrency(config.concurrency()).withSecrets(secrets())
                .withActions(actions("verifier")).withEvidenceKey(config.evidenceKey());
    }

    /** What names this process among all those of a pipeline: {@code <host>-<pid>}, see {@link #processName}. */
    public static String process() {
        return PROCESS;
    }

    /**
     * {@code <host>-<pid>}; in a container the service is pid 1 in every container, and containers on the host's
     * network share its name, so there a random suffix tells them apart.
     */
    static String processName(String host, long pid) {
        return pid > 1 ? host + "-" + pid : host + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /** Without a name-service lookup, which can hang on a host without network. */
    private static String hostName() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }

    private ReporterConfig reporter() {
        ReporterConfig reporter = ReporterConfig.defaults(kafka(), config.reportsDir());
        return config.status() == null ? reporter : reporter.withStatus(config.status().host(), config.status().port());
    }

    /** The port the reporter's status page listens on, once started. */
    public int statusPort() {
        if (reporter == null || reporter.statusPort() < 0) {
            throw new IllegalStateException("no status page in this pipeline");
        }
        return reporter.statusPort();
    }
}
