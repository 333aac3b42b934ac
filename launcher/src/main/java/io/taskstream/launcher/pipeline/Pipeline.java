package io.taskstream.launcher.pipeline;

import io.taskstream.actions.ActionsConfig;
import io.taskstream.events.envelope.Topics;
import io.taskstream.executor.ExecutorVerticle;
import io.taskstream.reporter.ReporterVerticle;
import io.taskstream.runtime.kafka.TopicSetup;
import io.taskstream.runtime.process.Secrets;
import io.taskstream.scanner.ScannerVerticle;
import io.taskstream.scanner.webhook.WebhookVerticle;
import io.taskstream.verifier.VerifierVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Wires the services: one place that turns a {@link PipelineConfig} into deployed verticles. */
public final class Pipeline {
    private static final String PROCESS = hostName() + "-" + ProcessHandle.current().pid();
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
        return startHealth().compose(h -> deployAll(services))
                .onSuccess(v -> liveness = io.taskstream.launcher.health.Liveness.STARTED)
                .onFailure(e -> liveness = io.taskstream.launcher.health.Liveness.FAILED);
    }

    /** With a health endpoint configured: the process's registry, and probes served from before the first deploy. */
    private Future<Void> startHealth() {
        if (config.health() == null || health != null) {
            return Future.succeededFuture();
        }
        meters = new io.taskstream.launcher.health.ProcessMeters();
        health = new io.taskstream.launcher.health.HealthServer(vertx, () -> liveness,
                new io.taskstream.launcher.health.BrokerCheck(config.bootstrapServers(), java.time.Clock.systemUTC()),
                meters.registry());
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
        return vertx.executeBlocking(() -> {
            TopicSetup.ensure(config.bootstrapServers(), Topics.withPrefix(config.topicPrefix()), config.partitions(),
                    (short) 1, config.kafka());
            return null;
        }).compose(v -> {
            Future<Void> chain = Future.succeededFuture();
            if (services.contains(Service.REPORTER)) {
                reporter = new ReporterVerticle();
                chain = chain.compose(x -> deploy(reporter, reporter()));
            }
            if (services.contains(Service.VERIFIER)) {
                chain = chain.compose(x -> deploy(new VerifierVerticle(meters()), verifier()));
            }
            if (services.contains(Service.EXECUTOR)) {
                for (int i = 1; i <= config.executors(); i++) {
                    int n = i;
                    chain = chain.compose(x -> deploy(new ExecutorVerticle(meters()), executor(n)));
                }
            }
            if (services.contains(Service.SCANNER)) {
                chain = chain.compose(x -> deploy(new ScannerVerticle(meters()), scanner()));
                if (config.webhook() != null) {
                    webhook = new WebhookVerticle();
                    chain = chain.compose(x -> deploy(webhook, webhook()));
                }
            }
            return chain;
        });
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

    private Future<Void> deploy(io.vertx.core.Deployable verticle, JsonObject conf) {
        return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(conf))
                .onSuccess(deployments::add).mapEmpty();
    }

    private JsonObject common(String instance) {
        return new JsonObject().put("bootstrapServers", config.bootstrapServers())
                .put("topicPrefix", config.topicPrefix()).put("instance", instance)
                .put(io.taskstream.runtime.kafka.ClientProperties.CONFIG_KEY, new JsonObject(new java.util.HashMap<>(config.kafka())));
    }

    private JsonObject scanner() {
        return common("scanner-1").put("taskRepo", config.taskRepo()).put("branch", config.branch())
                .put("cacheDir", config.stateDir().resolve("scanner/clone").toString());
    }

    /** The port the webhook endpoint listens on, once started. */
    public int webhookPort() {
        if (webhook == null) {
            throw new IllegalStateException("no webhook endpoint in this pipeline");
        }
        return webhook.actualPort();
    }

    private JsonObject webhook() {
        JsonObject conf = common("webhook-1").put("host", config.webhook().host()).put("port", config.webhook().port())
                .put("repositories", new io.vertx.core.json.JsonArray(config.webhook().repositories()))
                .put("branch", config.branch());
        config.webhook().secrets().forEach(conf::put);
        return conf;
    }

    /** Secrets from the launcher's environment ({@code TASKSTREAM_SECRET_*}); they stay in this process. */
    private JsonObject secrets() {
        JsonObject secrets = new JsonObject();
        Secrets.fromEnvironment(environment).forEach(secrets::put);
        return secrets;
    }

    private JsonObject executor(int n) {
        // Executors on many hosts and in many processes share one group: the name says which one ran an attempt.
        return common("executor-" + n + "." + process).put("workspaceRoot", config.workspace().toString()).put("secrets", secrets())
                .put("maxAttempts", config.maxAttempts()).put("retryBackoffMillis", config.retryBackoffMillis())
                .put("concurrency", config.concurrency())
                .put("actions", actions("executor-" + n).toJson());
    }

    private ActionsConfig actions(String instance) {
        ActionsConfig a = config.actions();
        return new ActionsConfig(a.kubeContext(), a.kubeconfig(), a.dockerHost(), a.insecureRegistries(), a.gitops(),
                a.commitWorkspaceRepos(), config.stateDir().resolve(instance));
    }

    private JsonObject verifier() {
        JsonObject conf = common("verifier-1").put("taskRepo", config.taskRepo()).put("branch", config.branch())
                .put("cloneDir", config.stateDir().resolve("verifier/clone").toString())
                .put("workspaceRoot", config.workspace().toString()).put("secrets", secrets())
                .put("concurrency", config.concurrency()).put("actions", actions("verifier").toJson());
        return config.evidenceKey() == null ? conf : conf.put("evidenceKey", config.evidenceKey().toString());
    }

    /** Without a name-service lookup, which can hang on a host without network. */
    private static String hostName() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }

    private JsonObject reporter() {
        JsonObject conf = common("reporter-1").put("reportsDir", config.reportsDir().toString());
        return config.status() == null ? conf
                : conf.put("statusHost", config.status().host()).put("statusPort", config.status().port());
    }

    /** The port the reporter's status page listens on, once started. */
    public int statusPort() {
        if (reporter == null || reporter.statusPort() < 0) {
            throw new IllegalStateException("no status page in this pipeline");
        }
        return reporter.statusPort();
    }
}
