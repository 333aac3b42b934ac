package io.taskstream.launcher.health;

/** One thing {@code /health/ready} asks about: the broker, the task repo. */
public interface ReadinessCheck extends AutoCloseable {
    /** @return null when usable, else why not, in words for the probe's body. Blocking: call it off the event loop. */
    String problem();

    @Override
    void close();
}
