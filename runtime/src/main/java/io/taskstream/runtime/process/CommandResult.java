package io.taskstream.runtime.process;

/**
 * What one command did.
 *
 * @param exitCode    -1 when it was killed for running too long
 * @param output      head and tail of stdout and stderr together, redacted
 * @param outputBytes all it printed
 */
public record CommandResult(int exitCode, boolean timedOut, long durationMillis, String output, long outputBytes) {
    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}
