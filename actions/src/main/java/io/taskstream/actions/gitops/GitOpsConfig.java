package io.taskstream.actions.gitops;

import io.taskstream.runtime.git.GitTaskRepo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the GitOps repo is and how changes go into it.
 *
 * @param remote     its URL or path
 * @param branch     the branch the cluster follows
 * @param cloneDir   a directory of this process's own for its clones and scratch files
 * @param identity   who the commits are by
 * @param overlay    the directory {@code kubectl kustomize} must still build after a change, relative to the
 *                   repo's root; empty for no kustomize check
 * @param branchMode push each change to {@code taskstream/<task>-<criterion>} instead of {@code branch}
 * @param kubectl    the kubectl binary
 * @param kustomize  how long {@code kubectl kustomize} may take
 */
public record GitOpsConfig(String remote, String branch, Path cloneDir, GitTaskRepo.Identity identity,
                           String overlay, boolean branchMode, Path kubectl, Duration kustomize) {
    public static final Path KUBECTL = Path.of("/usr/bin/kubectl");
    public static final Duration KUSTOMIZE_TIMEOUT = Duration.ofSeconds(60);

    public GitOpsConfig {
        overlay = overlay == null ? "" : overlay.strip().replaceAll("^\\./|/+$", "");
        if (overlay.equals(".")) {
            overlay = "";
        }
    }

    public GitOpsConfig(String remote, String branch, Path cloneDir, GitTaskRepo.Identity identity, String overlay,
                        boolean branchMode) {
        this(remote, branch, cloneDir, identity, overlay, branchMode, KUBECTL, KUSTOMIZE_TIMEOUT);
    }
}
