package io.taskstream.executor;

import io.taskstream.actions.ActionsConfig;
import io.taskstream.runtime.config.ConfigCheck;
import io.taskstream.runtime.kafka.KafkaClientConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.taskstream.runtime.config.ConfigCheck.atLeast;
import static io.taskstream.runtime.config.ConfigCheck.notNegative;
import static io.taskstream.runtime.config.ConfigCheck.path;
import static io.taskstream.runtime.config.ConfigCheck.positive;
import static io.taskstream.runtime.config.ConfigCheck.present;
import static io.taskstream.runtime.config.ConfigCheck.text;

/**
 * What an executor instance needs; checked when built, so that a bad value stops the deployment before it starts.
 * Secret values are masked in {@link #toString()}.
 *
 * @param kafka          the cluster and topics
 * @param instance       names this instance among the executor group's members (client ids, event sources)
 * @param workspaceRoot  commands run below this directory, never outside it
 * @param maxAttempts    tries of a criterion in all (the first one included); seed 001's rule is 2
 * @param retryBackoff   wait before the first retry; doubles for each further one
 * @param defaultTimeout a command's timeout when its criterion names none
 * @param concurrency    tasks this instance works on at once (each task's criteria still run in order)
 * @param secrets        values for {@code ${secret:NAME}} in env steps; they never leave the process
 * @param actions        what typed actions and the cluster guard reach: kube context, Docker, GitOps repo
 */
public record ExecutorConfig(KafkaClientConfig kafka, String instance, Path workspaceRoot, int maxAttempts,
                             Duration retryBackoff, Duration defaultTimeout, int concurrency,
                             Map<String, String> secrets, ActionsConfig actions) {
    public static final int DEFAULT_CONCURRENCY = 16;
    public static final int DEFAULT_MAX_ATTEMPTS = 2;
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(2);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public ExecutorConfig {
        present("executor.kafka", kafka, "the cluster and topics");
        text("executor.instance", instance, "a name for this instance");
        path("executor.workspaceRoot", workspaceRoot);
        atLeast("executor.maxAttempts", maxAttempts, 1);
        notNegative("executor.retryBackoff", retryBackoff);
        positive("executor.defaultTimeout", defaultTimeout);
        atLeast("executor.concurrency", concurrency, 1);
        secrets = ConfigCheck.secrets("executor.secrets", secrets);
        present("executor.actions", actions, "what typed actions reach");
    }

    /**
     * The defaults: 2 attempts, 2 s backoff, 10 min command timeout, 16 tasks at once, no secrets, and typed
     * actions that reach no cluster, keeping their state under {@code <tmp>/taskstream/<instance>}.
     */
    public static ExecutorConfig defaults(KafkaClientConfig kafka, String instance, Path workspaceRoot) {
        return new ExecutorConfig(kafka, instance, workspaceRoot, DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_BACKOFF,
                DEFAULT_TIMEOUT, DEFAULT_CONCURRENCY, Map.of(),
                ActionsConfig.defaults(Path.of(System.getProperty("java.io.tmpdir"), "taskstream", instance)));
    }

    /** Secret values masked. */
    @Override
    public String toString() {
        return "ExecutorConfig[kafka=" + kafka + ", instance=" + instance + ", workspaceRoot=" + workspaceRoot
                + ", maxAttempts=" + maxAttempts + ", retryBackoff=" + retryBackoff + ", defaultTimeout="
                + defaultTimeout + ", concurrency=" + concurrency + ", secrets=" + ConfigCheck.masked(secrets)
                + ", actions=" + actions + "]";
    }

    public ExecutorConfig withMaxAttempts(int maxAttempts) {
        return new ExecutorConfig(kafka, instance, workspaceRoot, maxAttempts, retryBackoff, defaultTimeout,
                concurrency, secrets, actions);
    }

    public ExecutorConfig withRetryBackoff(Duration retryBackoff) {
        return new ExecutorConfig(kafka, instance, workspaceRoot, maxAttempts, retryBackoff, defaultTimeout,
                concurrency, secrets, actions);
    }

    public ExecutorConfig withDefaultTimeout(Duration defaultTimeout) {
        return new ExecutorConfig(kafka, instance, workspaceRoot, maxAttempts, retryBackoff, defaultTimeout,
                concurrency, secrets, actions);
    }

    public ExecutorConfig withConcurrency(int concurrency) {
        return new ExecutorConfig(kafka, instance, workspaceRoot, maxAttempts, retryBackoff, defaultTimeout,
                concurrency, secrets, actions);
    }

    public ExecutorConfig withSecrets(Map<String, String> secrets) {
        return new ExecutorConfig(kafka, instance, workspaceRoot, maxAttempts, retryBackoff, defaultTimeout,
                concurrency, secrets, actions);
    }

    public ExecutorConfig withActions(ActionsConfig actions) {
        return new ExecutorConfig(kafka, instance, workspaceRoot, maxAttempts, retryBackoff, defaultTimeout,
                concurrency, secrets, actions);
    }
}
