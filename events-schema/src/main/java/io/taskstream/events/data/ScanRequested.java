package io.taskstream.events.data;

/**
 * Somebody (the CLI, a webhook) asks for a scan of the task repo. Subject: the run id.
 *
 * @param repository the task repo's URL or path; empty means the scanner's configured one
 * @param branch     the branch to scan; empty means the configured one
 * @param full       rescan every file rather than what changed
 * @param trigger    who asked: {@code cli}, {@code webhook:github}, ...
 * @param options    how the tasks of this run are executed
 */
public record ScanRequested(String repository, String branch, boolean full, String trigger,
                            ExecutionOptions options) implements EventData {
}
