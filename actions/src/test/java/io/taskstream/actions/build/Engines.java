package io.taskstream.actions.build;

import static org.assertj.core.api.Assertions.fail;

/** The real engine these tests build on; its absence is a failure, not a skip: CI starts it in .ci/run. */
final class Engines {
    private Engines() {
    }

    static DockerEngine require() {
        DockerEngine engine = DockerEngine.fromEnvironment();
        engine.unavailable().ifPresent(reason -> {
            engine.close();
            fail(reason + "\nThese tests need a Docker engine: run .ci/run (it starts dockerd) and try again.");
        });
        return engine;
    }
}
