package io.taskstream.scanner;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;

/**
 * What a scanner instance needs, read once from its deployment config.
 *
 * @param taskRepo the task repo's remote: a URL JGit reaches, or a path
 * @param cacheDir where the scanner keeps its clone
 */
public record ScannerConfig(String bootstrapServers, String topicPrefix, String instance, String taskRepo,
                            String branch, Path cacheDir) {

    public static ScannerConfig from(JsonObject c) {
        return new ScannerConfig(
                c.getString("bootstrapServers"),
                c.getString("topicPrefix", "taskstream"),
                c.getString("instance", "scanner-1"),
                c.getString("taskRepo"),
                c.getString("branch", "main"),
                Path.of(c.getString("cacheDir")));
    }
}
