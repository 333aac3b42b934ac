package io.taskstream.launcher.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A broker in its own JVM on fixed ports and a kept data directory: it can be killed and started again as it was. */
final class BrokerProcess implements AutoCloseable {
    private final Path dataDir;
    private final Path logDir;
    private final int brokerPort;
    private final int controllerPort;
    private ChildJvm jvm;
    private int starts;

    private BrokerProcess(Path dataDir, Path logDir, int brokerPort, int controllerPort) {
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
    }

    static BrokerProcess start(Path dir) throws IOException {
        BrokerProcess broker = new BrokerProcess(dir.resolve("data"), dir.resolve("logs"), ChildJvm.freePort(),
                ChildJvm.freePort());
        broker.startAgain();
        return broker;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** kill -9: no shutdown, whatever the broker had not written stays unwritten. */
    void kill() {
        jvm.kill();
    }

    /** Starts the broker on the same data directory and ports. */
    void startAgain() throws IOException {
        jvm = ChildJvm.start("broker-" + ++starts, logDir, "READY", "io.taskstream.kafka.embedded.FixedPortBroker",
                List.of(Integer.toString(brokerPort), Integer.toString(controllerPort), dataDir.toString(), "6"));
    }

    @Override
    public void close() {
        if (jvm != null) {
            jvm.kill();
        }
    }
}
