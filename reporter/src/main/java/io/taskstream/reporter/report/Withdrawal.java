package io.taskstream.reporter.report;

import java.time.Instant;

/**
 * Why a task was withdrawn from the run: an incremental scan found its file deleted or moved to
 * {@code tasks/completed/} by hand, or an executor refused to run it because another run already does.
 *
 * @param task        the task id
 * @param path        where the task file was
 * @param reason      what happened to it, e.g. {@code deleted from the task repo}
 * @param commit      the commit at which it was seen gone (or that the refused run was scanned at); may be empty
 * @param shortCommit its first 7 characters
 * @param time        when the withdrawal was recorded
 */
public record Withdrawal(String task, String path, String reason, String commit, String shortCommit,
                         Instant time) {
}
