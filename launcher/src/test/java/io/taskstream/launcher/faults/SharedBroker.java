package io.taskstream.launcher.faults;

import io.taskstream.kafka.embedded.EmbeddedKafka;

/**
 * One broker in this JVM for the cases whose fault is not the broker or a consumer's death (each uses its own
 * topic prefix); stopped when the JVM exits.
 */
final class SharedBroker {
    private static EmbeddedKafka kafka;

    private SharedBroker() {
    }

    static synchronized String bootstrapServers() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "fault-broker-stop"));
        }
        return kafka.bootstrapServers();
    }
}
