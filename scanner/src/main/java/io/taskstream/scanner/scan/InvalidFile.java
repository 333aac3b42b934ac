package io.taskstream.scanner.scan;

/**
 * A file that cannot be used, and why.
 *
 * @param taskId its id when the front matter was readable, else null
 * @param line   1-based; 1 for a problem of the whole file, 0 only for a folder (it has no lines)
 */
public record InvalidFile(String path, String taskId, int line, String problem) implements ReadResult {
}
