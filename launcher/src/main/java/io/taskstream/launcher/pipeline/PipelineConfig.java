package io.taskstream.launcher.pipeline;

import io.taskstream.actions.ActionsConfig;

import java.nio.file.Path;

/**
 * Where the pipeline's parts find each other and keep their files.
 *
 * @param taskRepo   the task repo's remote (URL or path)
 * @param workspace  the root every command and check runs under
 * @param stateDir   the services' clones and caches
 * @param reportsDir where session reports are written
 * @param executors  executor instances to run in this process
 * @param webhook    where the scanner listens for git pushes; null: no webhook endpoint
 * @param concurrency tasks each executor and the verifier work on at once
 * @param actions     what typed actions reach (kube context, Docker, GitOps repo); its state dir is per instance
 * @param evidenceKey the PEM file of the key the verifier signs evidence with; null: one it generates under the
 *                    state dir on first start
 * @param status      where the reporter serves its live status page; null: no status page
 * @param health      where the process serves its probes and metrics; null: nowhere
 * @param kafka       client properties (TLS, SASL) for the Kafka clients the pipeline creates; credentials among them
 *                    are left out of {@link #toString()}
 */
public record PipelineConfig(String bootstrapServers, String topicPrefix, String taskRepo, String branch,
                             Path workspace, Path stateDir, Path reportsDir, int executors, int maxAttempts,
                             long retryBackoffMillis, int partitions, Webhook webhook, int concurrency,
                             ActionsConfig actions, Path evidenceKey, Status status, Health health,
                             java.util.Map<String, String> kafka) {
    public static final int DEFAULT_CONCURRENCY = 16;

    /** A pipeline whose Kafka clients need nothing besides the bootstrap servers. */
    public PipelineConfig(String bootstrapServers, String topicPrefix, String taskRepo, String branch, Path workspace,
                          Path stateDir, Path reportsDir, int executors, int maxAttempts, long retryBackoffMillis,
                          int partitions, Webhook webhook, int concurrency, ActionsConfig actions, Path evidenceKey,
                          Status status, Health health) {
        this(bootstrapServers, topicPrefix, taskRepo, branch, workspace, stateDir, reportsDir, executors, maxAttempts,
                retryBackoffMillis, partitions, webhook, concurrency, actions, evidenceKey, status, health,
                java.util.Map.of());
    }

    /** This pipeline with {@code kafka} as the client properties of its Kafka clients. */
    public PipelineConfig withKafka(java.util.Map<String, String> kafka) {
        return new PipelineConfig(bootstrapServers, topicPrefix, taskRepo, branch, workspace, stateDir, reportsDir,
                executors, maxAttempts, retryBackoffMillis, partitions, webhook, concurrency, actions, evidenceKey,
                status, health, kafka);
    }

    /** A pipeline without probe and metrics endpoints. */
    public PipelineConfig(String bootstrapServers, String topicPrefix, String taskRepo, String branch, Path workspace,
                          Path stateDir, Path reportsDir, int executors, int maxAttempts, long retryBackoffMillis,
                          int partitions, Webhook webhook, int concurrency, ActionsConfig actions, Path evidenceKey,
                          Status status) {
        this(bootstrapServers, topicPrefix, taskRepo, branch, workspace, stateDir, reportsDir, executors, maxAttempts,
                retryBackoffMillis, partitions, webhook, concurrency, actions, evidenceKey, status, null);
    }

    /** This pipeline serving {@code /health/live}, {@code /health/ready} and {@code /metrics} on {@code host:port}. */
    public PipelineConfig withHealth(String host, int port) {
        return new PipelineConfig(bootstrapServers, topicPrefix, taskRepo, branch, workspace, stateDir, reportsDir,
                executors, maxAttempts, retryBackoffMillis, partitions, webhook, concurrency, actions, evidenceKey,
                status, new Health(host, port), kafka);
    }

    /** The process's probe and metrics endpoint (port 0: any free port). */
    public record Health(String host, int port) {
    }

    /** A pipeline without a status page. */
    public PipelineConfig(String bootstrapServers, String topicPrefix, String taskRepo, String branch, Path workspace,
                          Path stateDir, Path reportsDir, int executors, int maxAttempts, long retryBackoffMillis,
                          int partitions, Webhook webhook, int concurrency, ActionsConfig actions, Path evidenceKey) {
        this(bootstrapServers, topicPrefix, taskRepo, branch, workspace, stateDir, reportsDir, executors, maxAttempts,
                retryBackoffMillis, partitions, webhook, concurrency, actions, evidenceKey, null);
    }

    /** This pipeline with the reporter's status page on {@code host:port} (port 0: any free port). */
    public PipelineConfig withStatus(String host, int port) {
        return new PipelineConfig(bootstrapServers, topicPrefix, taskRepo, branch, workspace, stateDir, reportsDir,
                executors, maxAttempts, retryBackoffMillis, partitions, webhook, concurrency, actions, evidenceKey,
                new Status(host, port), health, kafka);
    }

    /** The reporter's live status page. */
    public record Status(String host, int port) {
    }

    /** A pipeline whose verifier signs with the key it generates. */
    public PipelineConfig(String bootstrapServers, String topicPrefix, String taskRepo, String branch, Path workspace,
                          Path stateDir, Path reportsDir, int executors, int maxAttempts, long retryBackoffMillis,
                          int partitions, Webhook webhook, int concurrency, ActionsConfig actions) {
        this(bootstrapServers, topicPrefix, taskRepo, branch, workspace, stateDir, reportsDir, executors, maxAttempts,
                retryBackoffMillis, partitions, webhook, concurrency, actions, null);
    }

    public PipelineConfig {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        actions = actions == null ? ActionsConfig.defaults(stateDir) : actions;
        kafka = kafka == null ? java.util.Map.of() : java.util.Map.copyOf(kafka);
    }

    @Override
    public String toString() {
        return "PipelineConfig[" + bootstrapServers + ", " + topicPrefix + ", " + taskRepo + "@" + branch + ", workspace "
                + workspace + ", state " + stateDir + ", executors " + executors + ", concurrency " + concurrency
                + ", " + new io.taskstream.launcher.config.KafkaProperties(kafka) + "]";
    }

    /** A pipeline whose typed actions reach nothing configured: no cluster, no GitOps repo. */
    public PipelineConfig(String bootstrapServers, String topicPrefix, String taskRepo, String branch, Path workspace,
                          Path stateDir, Path reportsDir, int executors, int maxAttempts, long retryBackoffMillis,
                          int partitions, Webhook webhook, int concurrency) {
        this(bootstrapServers, topicPrefix, taskRepo, branch, workspace, stateDir, reportsDir, executors, maxAttempts,
                retryBackoffMillis, partitions, webhook, concurrency, null);
    }

    /** A pipeline with the default concurrency. */
    public PipelineConfig(String bootstrapServers, String topicPrefix, String taskRepo, String branch, Path workspace,
                          Path stateDir, Path reportsDir, int executors, int maxAttempts, long retryBackoffMillis,
                          int partitions, Webhook webhook) {
        this(bootstrapServers, topicPrefix, taskRepo, branch, workspace, stateDir, reportsDir, executors, maxAttempts,
                retryBackoffMillis, partitions, webhook, DEFAULT_CONCURRENCY);
    }

    /** A pipeline without a webhook endpoint. */
    public PipelineConfig(String bootstrapServers, String topicPrefix, String taskRepo, String branch, Path workspace,
                          Path stateDir, Path reportsDir, int executors, int maxAttempts, long retryBackoffMillis,
                          int partitions) {
        this(bootstrapServers, topicPrefix, taskRepo, branch, workspace, stateDir, reportsDir, executors, maxAttempts,
                retryBackoffMillis, partitions, null);
    }

    /**
     * The webhook endpoint.
     *
     * @param repositories the repositories whose pushes start a scan ({@code owner/name} or clone URLs)
     * @param secrets      {@code githubSecret}, {@code giteaSecret}, {@code gitlabToken}: the providers to accept;
     *                     when empty the endpoint reads them from {@code TASKSTREAM_GITHUB_SECRET},
     *                     {@code TASKSTREAM_GITEA_SECRET} and {@code TASKSTREAM_GITLAB_TOKEN}
     */
    public record Webhook(String host, int port, java.util.List<String> repositories,
                          java.util.Map<String, String> secrets) {
        @Override
        public String toString() {
            return "Webhook[" + host + ":" + port + ", " + repositories + ", secrets " + secrets.keySet() + "]";
        }
    }
}
