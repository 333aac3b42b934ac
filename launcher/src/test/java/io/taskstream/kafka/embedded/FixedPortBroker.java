package io.taskstream.kafka.embedded;

import java.nio.file.Path;
import java.util.PrimitiveIterator;
import java.util.stream.IntStream;

/**
 * A broker in a process of its own, for fault tests that kill it (SIGKILL) and start it again on the same data
 * directory and ports: {@code FixedPortBroker <brokerPort> <controllerPort> <dataDir> <partitions>}. Prints
 * {@code READY <bootstrap>} once clients can use it, then runs until killed.
 *
 * <p>It lives in the broker's package because {@link EmbeddedKafka} takes fixed ports only through its
 * package-private {@code start(Options, IntSupplier)}; a public option for the ports would make this unnecessary.
 */
public final class FixedPortBroker {
    private FixedPortBroker() {
    }

    public static void main(String[] args) throws InterruptedException {
        int brokerPort = Integer.parseInt(args[0]);
        int controllerPort = Integer.parseInt(args[1]);
        Path dataDir = Path.of(args[2]);
        int partitions = Integer.parseInt(args[3]);
        // start() asks for the broker's port, then the controller's, again on each retry
        PrimitiveIterator.OfInt ports = IntStream.iterate(0, i -> i + 1)
                .map(i -> i % 2 == 0 ? brokerPort : controllerPort).iterator();
        EmbeddedKafka kafka = EmbeddedKafka.start(new EmbeddedKafka.Options(dataDir, partitions), ports::nextInt);
        System.out.println("READY " + kafka.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }
}
