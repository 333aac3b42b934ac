package io.taskstream.launcher.pipeline;

import java.nio.file.Path;

/**
 * Where the pipeline's parts find each other and keep their files.
 *
 * @param taskRepo   the task repo's remote (URL or path)
 * @param workspace  the root every command and check runs under
 * @param stateDir   the services' clones and caches
 * @param reportsDir where session reports are written
 * @param executors  executor instances to run in this process
 */
public record PipelineConfig(String bootstrapServers, String topicPrefix, String taskRepo, String branch,
                             Path workspace, Path stateDir, Path reportsDir, int executors, int maxAttempts,
                             long retryBackoffMillis, int partitions) {

    public PipelineConfig withBootstrapServers(String servers) {
        return new PipelineConfig(servers, topicPrefix, taskRepo, branch, workspace, stateDir, reportsDir, executors,
                maxAttempts, retryBackoffMillis, partitions);
    }
}
