/**
 * Byte-preserving edits of task files: the only changes the pipeline writes back
 * (check a box, set {@code updated:} and {@code status:}, append a progress log line).
 */
package io.taskstream.task.edit;
