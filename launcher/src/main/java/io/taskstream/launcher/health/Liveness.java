package io.taskstream.launcher.health;

/** Where a process's services are in their life; what the health endpoints report. */
public enum Liveness {
    /** Deploying the services: alive, not ready. */
    STARTING,
    /** Every service started. */
    STARTED,
    /** A service failed to deploy: the process should be restarted. */
    FAILED,
    /** Undeploying the services. */
    STOPPING;

    /** Whether the process is worth keeping: starting or running. */
    public boolean alive() {
        return this == STARTING || this == STARTED;
    }
}
