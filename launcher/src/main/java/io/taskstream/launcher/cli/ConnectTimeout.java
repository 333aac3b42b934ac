package io.taskstream.launcher.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code --connect-timeout}: how long a command waits for Kafka to answer before it gives up. */
final class ConnectTimeout {
    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = WaitTimeout.class,
            description = "give up when Kafka does not answer within this long (10s, 1m; default: ${DEFAULT-VALUE})")
    Duration value = Duration.ofSeconds(10);

    /** @throws io.taskstream.launcher.cli.errors.UserError when Kafka does not answer in time */
    Broker.Cluster check(String bootstrapServers) {
        return Broker.reachable(bootstrapServers, value);
    }

    /** As {@link #check(String)}, with the deployment's Kafka client properties (TLS, SASL). */
    Broker.Cluster check(String bootstrapServers, java.util.Map<String, String> kafka) {
        return Broker.reachable(bootstrapServers, value, kafka);
    }
}
