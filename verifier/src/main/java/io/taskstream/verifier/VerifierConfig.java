package io.taskstream.verifier;

import io.taskstream.actions.ActionsConfig;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a verifier instance needs, read once from its deployment config.
 *
 * @param taskRepo      the task repo's remote (URL or path) that verified criteria are recorded in
 * @param cloneDir      where this instance keeps its working clone
 * @param workspaceRoot checks run below this directory, as the executor's commands do
 * @param concurrency   tasks whose criteria this instance checks at once
 * @param secrets       values for {@code ${secret:NAME}} in env steps, as the executor has them
 * @param actions       what typed actions' checks reach: kube context, registries, GitOps repo
 * @param evidenceKey   the PEM file of the key that signs the evidence of each checked box; when not configured,
 *                      {@code evidence-key.pem} beside the clone, generated on first start
 */
public record VerifierConfig(String bootstrapServers, String topicPrefix, String instance, String taskRepo,
                             String branch, Path cloneDir, Path workspaceRoot, Duration defaultTimeout,
                             int concurrency, String committerName, String committerEmail, Map<String, String> secrets,
                             ActionsConfig actions, Path evidenceKey) {
    public static final int DEFAULT_CONCURRENCY = 16;

    public static VerifierConfig from(JsonObject c) {
        return new VerifierConfig(
                c.getString("bootstrapServers"),
                c.getString("topicPrefix", "taskstream"),
                c.getString("instance", "verifier-1"),
                c.getString("taskRepo"),
                c.getString("branch", "main"),
                Path.of(c.getString("cloneDir")),
                Path.of(c.getString("workspaceRoot")),
                Duration.ofSeconds(c.getLong("defaultTimeoutSeconds", 300L)),
                c.getInteger("concurrency", DEFAULT_CONCURRENCY),
                c.getString("committerName", "Taskstream Verifier"),
                c.getString("committerEmail", "verifier@taskstream.invalid"),
                secrets(c.getJsonObject("secrets", new JsonObject())),
                ActionsConfig.fromJson(c.getJsonObject("actions", new JsonObject()),
                        Path.of(c.getString("cloneDir")).resolveSibling("actions")),
                c.getString("evidenceKey") == null ? null : Path.of(c.getString("evidenceKey")));
    }

    /** Whether the evidence key is the generated one (made on first start when missing) or a configured one. */
    public boolean evidenceKeyGenerated() {
        return evidenceKey == null;
    }

    /** The evidence key's file: the configured one, else {@code evidence-key.pem} beside the clone. */
    public Path evidenceKeyFile() {
        return evidenceKey != null ? evidenceKey : cloneDir.resolveSibling("evidence-key.pem");
    }

    private static Map<String, String> secrets(JsonObject json) {
        Map<String, String> out = new java.util.HashMap<>();
        json.forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
        return Map.copyOf(out);
    }
}
