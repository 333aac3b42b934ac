/**
 * The git repositories in a workspace: which of them a criterion's steps changed, and the one commit (and push)
 * per repository that records a verified criterion.
 */
package io.taskstream.actions.workspace;
