package io.taskstream.scanner;

import io.taskstream.runtime.config.ConfigCheck;
import io.taskstream.runtime.kafka.KafkaClientConfig;

import java.nio.file.Path;

/**
 * What a scanner instance needs; checked when built, so that a bad value stops the deployment before it starts.
 *
 * @param kafka    the cluster and topics
 * @param instance names this instance (client ids, event sources)
 * @param taskRepo the task repo's remote: a URL JGit reaches, or a path
 * @param branch   the task repo's branch that is scanned
 * @param cacheDir where the scanner keeps its clone
 */
public record ScannerConfig(KafkaClientConfig kafka, String instance, String taskRepo, String branch, Path cacheDir) {
    public ScannerConfig {
        ConfigCheck.present("scanner.kafka", kafka, "the cluster and topics");
        ConfigCheck.text("scanner.instance", instance, "a name for this instance");
        ConfigCheck.text("scanner.taskRepo", taskRepo, "the task repo's remote (URL or path)");
        ConfigCheck.text("scanner.branch", branch, "a branch name");
        ConfigCheck.path("scanner.cacheDir", cacheDir);
    }
}
