/**
 * The {@code set-image} typed action: a one-scalar edit of a manifest in the GitOps repo
 * ({@link io.taskstream.actions.gitops.YamlScalarEdit}), checked ({@link io.taskstream.actions.gitops.ManifestCheck})
 * before it is committed and pushed ({@link io.taskstream.actions.gitops.GitOpsRepo}), and the check that reads the
 * remote afresh to confirm it.
 */
package io.taskstream.actions.gitops;
