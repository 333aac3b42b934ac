package io.taskstream.launcher.cli;

import io.taskstream.actions.ActionsConfig;
import io.taskstream.launcher.pipeline.PipelineConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options shared by the commands that start services. */
final class PipelineOptions {
    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    /** {@code --config} (its {@code kafka:} map) and {@code --connect-timeout}. */
    @picocli.CommandLine.Mixin
    KafkaOptions client = new KafkaOptions();

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka to use; without it an embedded single-node broker starts on 127.0.0.1")
    String bootstrapServers;

    @Option(names = "--topic-prefix", defaultValue = "taskstream", description = "prefix of the topic names (default: ${DEFAULT-VALUE})")
    String topicPrefix;

    @Option(names = "--task-repo", paramLabel = "URL", description = "the task repo's git remote (URL or path)")
    String taskRepo;

    @Option(names = "--branch", defaultValue = "main", description = "branch of the task repo (default: ${DEFAULT-VALUE})")
    String branch;

    @Option(names = "--workspace", paramLabel = "DIR", description = "root directory every command runs under")
    Path workspace;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".taskstream",
            description = "where the services keep their clones (default: ${DEFAULT-VALUE})")
    Path stateDir;

    @Option(names = "--reports", paramLabel = "DIR", defaultValue = "reports",
            description = "where session reports are written (default: ${DEFAULT-VALUE})")
    Path reports;

    @Option(names = "--executors", defaultValue = "1", description = "executor instances in this process (default: ${DEFAULT-VALUE})")
    int executors;

    @Option(names = "--concurrency", defaultValue = "16", paramLabel = "N",
            description = "tasks each executor instance, and the verifier, work on at once; a task's criteria "
                    + "still run one after another, in order (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--max-attempts", defaultValue = "2",
            description = "tries of a failing criterion, the first included (default: ${DEFAULT-VALUE})")
    int maxAttempts;

    @Option(names = "--retry-backoff-ms", defaultValue = "2000", description = "wait before the first retry (default: ${DEFAULT-VALUE})")
    long retryBackoffMillis;

    @Option(names = "--partitions", defaultValue = "12",
            description = "partitions of topics this creates; executor instances split them (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--webhook-port", paramLabel = "PORT",
            description = "listen for git push webhooks on this port (secrets from TASKSTREAM_GITHUB_SECRET, "
                    + "TASKSTREAM_GITEA_SECRET, TASKSTREAM_GITLAB_TOKEN)")
    Integer webhookPort;

    @Option(names = "--webhook-host", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String webhookHost;

    @Option(names = "--webhook-repo", paramLabel = "REPO",
            split = ",", description = "repository whose pushes start a scan: owner/name or clone URL (repeatable)")
    java.util.List<String> webhookRepos = java.util.List.of();

    @Option(names = "--status-port", paramLabel = "PORT",
            description = "serve a live status page (queue, running and blocked tasks, last events, reports) on this port")
    Integer statusPort;

    @Option(names = "--status-host", defaultValue = "127.0.0.1",
            description = "address the status page listens on (default: ${DEFAULT-VALUE})")
    String statusHost;

    @Option(names = "--health-port", paramLabel = "PORT",
            description = "serve GET /health/live, /health/ready and /metrics (Prometheus) on this port (0: any free one)")
    Integer healthPort;

    @Option(names = "--health-host", defaultValue = "127.0.0.1",
            description = "address the health and metrics endpoint listens on (default: ${DEFAULT-VALUE})")
    String healthHost;

    @Option(names = "--kube-context", paramLabel = "NAME", defaultValue = "",
            description = "the only kube context commands and checks may reach: each gets a kubeconfig holding just "
                    + "this context; without it no command can reach a cluster and k8s-ready is refused")
    String kubeContext;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "where the kube context is defined (default: $KUBECONFIG, else ~/.kube/config)")
    Path kubeconfig;

    @Option(names = "--docker-host", paramLabel = "URI",
            description = "Docker Engine API for build actions (default: $DOCKER_HOST, else unix:///var/run/docker.sock)")
    String dockerHost;

    @Option(names = "--insecure-registry", paramLabel = "HOST:PORT",
            split = ",", description = "registry spoken to over plain HTTP besides loopback ones (repeatable)")
    java.util.List<String> insecureRegistries = java.util.List.of();

    @Option(names = "--gitops-repo", paramLabel = "URL", description = "the GitOps repo's remote that set-image edits")
    String gitopsRepo;

    @Option(names = "--gitops-branch", defaultValue = "main", description = "its branch (default: ${DEFAULT-VALUE})")
    String gitopsBranch;

    @Option(names = "--gitops-overlay", paramLabel = "DIR", defaultValue = "",
            description = "directory of the GitOps repo whose `kubectl kustomize` must succeed before a commit")
    String gitopsOverlay;

    @Option(names = "--gitops-branch-mode",
            description = "push each set-image to its own branch taskstream/<task>-<criterion> for a person to merge")
    boolean gitopsBranchMode;

    @Option(names = "--no-workspace-commits",
            description = "do not commit what verified criteria changed in the workspace's git repositories")
    boolean noWorkspaceCommits;

    @Option(names = "--evidence-key", paramLabel = "FILE",
            description = "PEM file with the key (PKCS#8 private and X.509 public, Ed25519 or ECDSA P-256) the verifier "
                    + "signs the evidence of each checked box with (default: generated on first start as "
                    + "<state-dir>/verifier/evidence-key.pem)")
    Path evidenceKey;

    ActionsConfig actions(Path state) {
        ActionsConfig d = ActionsConfig.defaults(state);
        return new ActionsConfig(kubeContext, kubeconfig == null ? d.kubeconfig() : kubeconfig.toAbsolutePath(),
                dockerHost == null ? d.dockerHost() : dockerHost, insecureRegistries,
                java.util.Optional.ofNullable(gitopsRepo).map(r -> new ActionsConfig.GitOps(remote(r), gitopsBranch,
                        gitopsOverlay, gitopsBranchMode)), !noWorkspaceCommits, state);
    }

    /** A remote given as a local path works from any directory the services run in. */
    static String remote(String r) {
        return r.contains("://") || r.matches("[^/]+@[^/]+:.*") ? r : Path.of(r).toAbsolutePath().normalize().toString();
    }

    PipelineConfig toConfig(String servers, String repo, Path workspaceRoot) {
        PipelineConfig.Webhook webhook = webhookPort == null ? null
                : new PipelineConfig.Webhook(webhookHost, webhookPort,
                webhookRepos.isEmpty() ? java.util.List.of(repo) : webhookRepos, java.util.Map.of());
        return new PipelineConfig(servers, topicPrefix, repo, branch, workspaceRoot.toAbsolutePath(),
                stateDir.toAbsolutePath(), reports.toAbsolutePath(), executors, maxAttempts, retryBackoffMillis,
                partitions, webhook, concurrency, actions(stateDir.toAbsolutePath()),
                evidenceKey == null ? null : evidenceKey.toAbsolutePath(),
                statusPort == null ? null : new PipelineConfig.Status(statusHost, statusPort),
                healthPort == null ? null : new PipelineConfig.Health(healthHost, healthPort)).withKafka(kafka().values());
    }

    /** The Kafka client properties of the configuration file, if any. */
    io.taskstream.launcher.config.KafkaProperties kafka() {
        return KafkaOptions.kafka(mixee);
    }
}
