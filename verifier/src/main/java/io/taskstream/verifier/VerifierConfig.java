package io.taskstream.verifier;

import io.taskstream.actions.ActionsConfig;
import io.taskstream.runtime.config.ConfigCheck;
import io.taskstream.runtime.kafka.KafkaClientConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.taskstream.runtime.config.ConfigCheck.atLeast;
import static io.taskstream.runtime.config.ConfigCheck.path;
import static io.taskstream.runtime.config.ConfigCheck.positive;
import static io.taskstream.runtime.config.ConfigCheck.present;
import static io.taskstream.runtime.config.ConfigCheck.text;

/**
 * What a verifier instance needs; checked when built, so that a bad value stops the deployment before it starts.
 * Secret values are masked in {@link #toString()}.
 *
 * @param kafka          the cluster and topics
 * @param instance       names this instance among the verifier group's members (client ids, event sources)
 * @param taskRepo       the task repo's remote (URL or path) that verified criteria are recorded in
 * @param branch         the task repo's branch
 * @param cloneDir       where this instance keeps its working clone
 * @param workspaceRoot  checks run below this directory, as the executor's commands do
 * @param defaultTimeout a check's timeout when its criterion names none
 * @param concurrency    tasks whose criteria this instance checks at once
 * @param committerName  the author and committer of the recorded commits
 * @param committerEmail their e-mail address
 * @param secrets        values for {@code ${secret:NAME}} in env steps, as the executor has them
 * @param actions        what typed actions' checks reach: kube context, registries, GitOps repo
 * @param evidenceKey    the PEM file of the key that signs the evidence of each checked box; null:
 *                       {@code evidence-key.pem} beside the clone, generated on first start
 */
public record VerifierConfig(KafkaClientConfig kafka, String instance, String taskRepo, String branch, Path cloneDir,
                             Path workspaceRoot, Duration defaultTimeout, int concurrency, String committerName,
                             String committerEmail, Map<String, String> secrets, ActionsConfig actions,
                             Path evidenceKey) {
    public static final int DEFAULT_CONCURRENCY = 16;
    public static final String DEFAULT_BRANCH = "main";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    public static final String DEFAULT_COMMITTER_NAME = "Taskstream Verifier";
    public static final String DEFAULT_COMMITTER_EMAIL = "verifier@taskstream.invalid";

    public VerifierConfig {
        present("verifier.kafka", kafka, "the cluster and topics");
        text("verifier.instance", instance, "a name for this instance");
        text("verifier.taskRepo", taskRepo, "the task repo's remote (URL or path)");
        text("verifier.branch", branch, "a branch name");
        path("verifier.cloneDir", cloneDir);
        path("verifier.workspaceRoot", workspaceRoot);
        positive("verifier.defaultTimeout", defaultTimeout);
        atLeast("verifier.concurrency", concurrency, 1);
        text("verifier.committerName", committerName, "the name verified criteria are committed as");
        text("verifier.committerEmail", committerEmail, "the e-mail address verified criteria are committed as");
        secrets = ConfigCheck.secrets("verifier.secrets", secrets);
        present("verifier.actions", actions, "what typed actions reach");
    }

    /** Secret values masked. */
    @Override
    public String toString() {
        return "VerifierConfig[kafka=" + kafka + ", instance=" + instance + ", taskRepo=" + taskRepo + ", branch="
                + branch + ", cloneDir=" + cloneDir + ", workspaceRoot=" + workspaceRoot + ", defaultTimeout="
                + defaultTimeout + ", concurrency=" + concurrency + ", committer=" + committerName + " <"
                + committerEmail + ">, secrets=" + ConfigCheck.masked(secrets) + ", actions=" + actions
                + ", evidenceKey=" + evidenceKey + "]";
    }

    /**
     * The defaults: branch {@code main}, 5 min check timeout, 16 tasks at once, the verifier's committer, no
     * secrets, typed actions that reach no cluster (state in {@code actions} beside the clone), a generated key.
     */
    public static VerifierConfig defaults(KafkaClientConfig kafka, String instance, String taskRepo, Path cloneDir,
                                          Path workspaceRoot) {
        return new VerifierConfig(kafka, instance, taskRepo, DEFAULT_BRANCH, cloneDir, workspaceRoot, DEFAULT_TIMEOUT,
                DEFAULT_CONCURRENCY, DEFAULT_COMMITTER_NAME, DEFAULT_COMMITTER_EMAIL, Map.of(),
                cloneDir == null ? null : ActionsConfig.defaults(cloneDir.resolveSibling("actions")), null);
    }

    public VerifierConfig withBranch(String branch) {
        return new VerifierConfig(kafka, instance, taskRepo, branch, cloneDir, workspaceRoot, defaultTimeout,
                concurrency, committerName, committerEmail, secrets, actions, evidenceKey);
    }

    public VerifierConfig withConcurrency(int concurrency) {
        return new VerifierConfig(kafka, instance, taskRepo, branch, cloneDir, workspaceRoot, defaultTimeout,
                concurrency, committerName, committerEmail, secrets, actions, evidenceKey);
    }

    public VerifierConfig withDefaultTimeout(Duration defaultTimeout) {
        return new VerifierConfig(kafka, instance, taskRepo, branch, cloneDir, workspaceRoot, defaultTimeout,
                concurrency, committerName, committerEmail, secrets, actions, evidenceKey);
    }

    public VerifierConfig withCommitter(String committerName, String committerEmail) {
        return new VerifierConfig(kafka, instance, taskRepo, branch, cloneDir, workspaceRoot, defaultTimeout,
                concurrency, committerName, committerEmail, secrets, actions, evidenceKey);
    }

    public VerifierConfig withSecrets(Map<String, String> secrets) {
        return new VerifierConfig(kafka, instance, taskRepo, branch, cloneDir, workspaceRoot, defaultTimeout,
                concurrency, committerName, committerEmail, secrets, actions, evidenceKey);
    }

    public VerifierConfig withActions(ActionsConfig actions) {
        return new VerifierConfig(kafka, instance, taskRepo, branch, cloneDir, workspaceRoot, defaultTimeout,
                concurrency, committerName, committerEmail, secrets, actions, evidenceKey);
    }

    /** This config signing with the key in {@code evidenceKey}; null: the generated one. */
    public VerifierConfig withEvidenceKey(Path evidenceKey) {
        return new VerifierConfig(kafka, instance, taskRepo, branch, cloneDir, workspaceRoot, defaultTimeout,
                concurrency, committerName, committerEmail, secrets, actions, evidenceKey);
    }

    /** Whether the evidence key is the generated one (made on first start when missing) or a configured one. */
    public boolean evidenceKeyGenerated() {
        return evidenceKey == null;
    }

    /** The evidence key's file: the configured one, else {@code evidence-key.pem} beside the clone. */
    public Path evidenceKeyFile() {
        return evidenceKey != null ? evidenceKey : cloneDir.resolveSibling("evidence-key.pem");
    }
}
