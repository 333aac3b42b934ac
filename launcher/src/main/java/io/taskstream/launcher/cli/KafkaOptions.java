package io.taskstream.launcher.cli;

import io.taskstream.launcher.config.ConfigDefaults;
import io.taskstream.launcher.config.KafkaProperties;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code --config} and {@code --connect-timeout}, for every command that opens Kafka clients: the file's
 * {@code kafka:} map of client properties (TLS, SASL) goes to each client the command opens, and the broker is
 * checked with them before the command relies on it.
 */
final class KafkaOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = ConfigDefaults.CONFIG, paramLabel = "FILE",
            description = "YAML file of option values (keys: the long option names without dashes) and a `kafka:` map "
                    + "of client properties (TLS, SASL); environment variables TASKSTREAM_<OPTION> override it, flags "
                    + "override both (default: $TASKSTREAM_CONFIG)")
    Path config;

    @Mixin
    ConnectTimeout connect = new ConnectTimeout();

    /** The Kafka client properties of the configuration file; none without one. */
    KafkaProperties kafka() {
        return kafka(mixee);
    }

    /** The Kafka client properties of {@code command}'s configuration file; none without one. */
    static KafkaProperties kafka(CommandSpec command) {
        return command != null && command.defaultValueProvider() instanceof ConfigDefaults d ? d.kafka(command)
                : KafkaProperties.NONE;
    }

    /** {@link #kafka()} as the map the clients take. */
    Map<String, String> properties() {
        return kafka().values();
    }

    /** How long to wait for Kafka to answer. */
    Duration timeout() {
        return connect.value;
    }

    /**
     * Checks with the configured properties that the broker answers within the connect timeout.
     *
     * @throws io.taskstream.launcher.cli.errors.UserError ({@link Exit#UNAVAILABLE}) when it does not
     */
    Broker.Cluster check(String bootstrapServers) {
        return connect.check(bootstrapServers, properties());
    }
}
