/**
 * The task file model: immutable records for a parsed Markdown task file
 * ({@link io.taskstream.task.TaskFile}), its front matter, acceptance criteria with their
 * {@code key: value} steps, and progress log. Parse with
 * {@link io.taskstream.task.parse.TaskFileParser}; edit with
 * {@link io.taskstream.task.edit.TaskEditor}.
 */
package io.taskstream.task;
