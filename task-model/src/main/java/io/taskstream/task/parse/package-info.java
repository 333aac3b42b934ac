/**
 * Parsing of task files. {@link io.taskstream.task.parse.TaskFileParser} refuses a bad file as a
 * whole with a checked {@link io.taskstream.task.parse.TaskFileException} that names the file, the
 * 1-based line and the problem.
 *
 * <p>Rules beyond {@code TASK-FORMAT.md}: step keys are lower case ({@code Verify: ...} is a
 * note); nested bullets with other keys are notes and ignored; only top-level bullet lists of
 * the first {@code ## Acceptance Criteria} section hold criteria (sub-headings inside it are
 * allowed, a second such section is an error); {@code labels} and {@code depends_on} items must
 * be YAML strings; dates stay text; {@code env} values cannot contain spaces.
 */
package io.taskstream.task.parse;
