package io.taskstream.launcher.pipeline;

/** The services a process can run. */
public enum Service {
    SCANNER, EXECUTOR, VERIFIER, REPORTER
}
