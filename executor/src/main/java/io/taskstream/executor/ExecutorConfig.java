package io.taskstream.executor;

import io.taskstream.actions.ActionsConfig;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What an executor instance needs, read once from its deployment config.
 *
 * @param workspaceRoot  commands run below this directory, never outside it
 * @param maxAttempts    tries of a criterion in all (the first one included); seed 001's rule is 2
 * @param retryBackoff   wait before the first retry; doubles for each further one
 * @param defaultTimeout a command's timeout when its criterion names none
 * @param concurrency    tasks this instance works on at once (each task's criteria still run in order)
 * @param secrets        values for {@code ${secret:NAME}} in env steps; they never leave the process
 * @param actions        what typed actions and the cluster guard reach: kube context, Docker, GitOps repo
 */
public record ExecutorConfig(String bootstrapServers, String topicPrefix, String instance, Path workspaceRoot,
                             int maxAttempts, Duration retryBackoff, Duration defaultTimeout, int concurrency,
                             Map<String, String> secrets, ActionsConfig actions) {
    public static final int DEFAULT_CONCURRENCY = 16;

    public static ExecutorConfig from(JsonObject c) {
        Map<String, String> secrets = new HashMap<>();
        c.getJsonObject("secrets", new JsonObject()).forEach(e -> secrets.put(e.getKey(), String.valueOf(e.getValue())));
        return new ExecutorConfig(
                c.getString("bootstrapServers"),
                c.getString("topicPrefix", "taskstream"),
                c.getString("instance", "executor-1"),
                Path.of(c.getString("workspaceRoot")),
                c.getInteger("maxAttempts", 2),
                Duration.ofMillis(c.getLong("retryBackoffMillis", 2_000L)),
                Duration.ofSeconds(c.getLong("defaultTimeoutSeconds", 600L)),
                c.getInteger("concurrency", DEFAULT_CONCURRENCY),
                Map.copyOf(secrets),
                ActionsConfig.fromJson(c.getJsonObject("actions", new JsonObject()),
                        Path.of(System.getProperty("java.io.tmpdir"), "taskstream", c.getString("instance", "executor-1"))));
    }
}
