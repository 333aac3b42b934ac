package io.taskstream.scanner.scan;

/** What reading one task file came to: a usable task, or an invalid file. */
public sealed interface ReadResult permits ScannedTask, InvalidFile {
    String path();
}
