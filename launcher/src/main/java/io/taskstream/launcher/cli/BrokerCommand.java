package io.taskstream.launcher.cli;

import io.taskstream.kafka.embedded.EmbeddedKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** A single-node KRaft broker in its own process: for a compose stack, a laptop, a CI job. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Runs a single-node Apache Kafka broker (KRaft, broker and controller in one) until the "
                + "process is stopped (SIGINT/SIGTERM).",
                "The same broker `run` embeds, standalone, so that services in other processes or containers can "
                        + "share it. With --data-dir its topics and records outlive a restart. One node, no "
                        + "replication: for real deployments use your Kafka cluster."},
        exitCodeListHeading = Exit.HEADING,
        exitCodeList = {"0:stopped", "1:the broker could not start (port taken, data directory unusable)",
                "2:bad usage"},
        footerHeading = Exit.EXAMPLES,
        footer = {"  taskstream broker",
                "  taskstream broker --listen 127.0.0.1:9092 --data-dir ./kafka-data",
                "  taskstream broker --listen 0.0.0.0:9092 --advertise kafka --data-dir /var/lib/taskstream/kafka"})
public final class BrokerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9092",
            description = "address the broker binds for clients (default: ${DEFAULT-VALUE})")
    String listen;

    @Option(names = "--advertise", paramLabel = "HOST",
            description = "host name clients are told to connect to, on the same port (default: the --listen host; "
                    + "set it when binding 0.0.0.0, e.g. to the compose service name)")
    String advertise;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "where the broker keeps its log; kept across restarts (default: a temporary directory, "
                    + "deleted on stop)")
    Path dataDir;

    @Option(names = "--partitions", defaultValue = "12",
            description = "partitions of topics created without a count (default: ${DEFAULT-VALUE})")
    int partitions;

    @Override
    public Integer call() throws Exception {
        EmbeddedKafka.Listener listener = listener();
        PrintWriter out = spec.commandLine().getOut();
        portFree(listener);
        EmbeddedKafka broker;
        try {
            broker = EmbeddedKafka.start(new EmbeddedKafka.Options(
                    dataDir == null ? null : dataDir.toAbsolutePath(), partitions), listener);
        } catch (IllegalStateException e) {
            throw new io.taskstream.launcher.cli.errors.UserError(Exit.FAILED, "the broker did not start on " + listen
                    + ": " + rootMessage(e) + " — is the port taken, or the data directory not writable?", e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        out.println("Kafka broker (KRaft, single node) listening on " + listen + ", advertised as "
                + listener.advertised() + (dataDir == null ? ", data in a temporary directory"
                : ", data in " + dataDir.toAbsolutePath()));
        out.flush();
        stopped.await();
        return Exit.OK;
    }

    private EmbeddedKafka.Listener listener() {
        int colon = listen.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            port = -1;
        }
        if (colon <= 0 || port < 1 || port > 65_535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--listen: '" + listen + "' is not HOST:PORT (e.g. 127.0.0.1:9092)");
        }
        String host = listen.substring(0, colon);
        return new EmbeddedKafka.Listener(host, port, advertise != null ? advertise
                : "0.0.0.0".equals(host) ? "127.0.0.1" : host);
    }

    /** A port in use answers in one line, before Kafka logs the failed bind with its stack trace. */
    private void portFree(EmbeddedKafka.Listener listener) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(listener.host(), listener.port()));
        } catch (java.io.IOException e) {
            throw new io.taskstream.launcher.cli.errors.UserError(Exit.FAILED, "the broker did not start on " + listen
                    + ": " + e.getMessage() + " — is the port taken (another broker?), or the address not this host's?",
                    e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
