package io.taskstream.scanner.scan;

/**
 * A file that cannot be used, and why.
 *
 * @param taskId its id when the front matter was readable, else null
 * @param line   1-based; 0 for the whole file
 */
public record InvalidFile(String path, String taskId, int line, String problem) implements ReadResult {
}
