package io.taskstream.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM.
 * It listens on 127.0.0.1 only, on random free ports, for the launcher's trial runs and integration tests; or, for
 * the {@code broker} command, on a given {@link Listener} (a single-node broker for a compose stack or a laptop,
 * not a replicated cluster).
 *
 * <p>Loading this class replaces Kafka's JVM-wide halt procedure ({@link Exit#setHaltProcedure}) by one that
 * behaves the same except on a thread that is starting a broker, where it throws instead so the start can
 * fail cleanly or retry (a controller that cannot bind its port asks Kafka to halt the JVM).
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String HOST = "127.0.0.1";
    private static final long TIMEOUT_SECONDS = 30;
    private static final int START_ATTEMPTS = 4;
    /**
     * Threads inside {@code KafkaRaftServer.startup()}. A controller that cannot bind its port reports a fatal
     * fault, and Kafka's handler halts the JVM; for these threads the halt is turned into an exception so that
     * {@link #start(Options)} can retry. Every other halt still halts, as Kafka's default procedure does.
     */
    private static final Set<Thread> STARTING = ConcurrentHashMap.newKeySet();

    static {
        Exit.setHaltProcedure((status, message) -> {
            if (STARTING.contains(Thread.currentThread())) {
                throw new IllegalStateException("Kafka asked to halt (" + status + ") while starting: " + message);
            }
            Runtime.getRuntime().halt(status);
        });
    }

    /**
     * How to start the broker.
     *
     * @param dataDir           directory for the broker's logs; {@code null} means a temporary directory
     *                          deleted on {@link #close()}, otherwise the directory is kept so that a later
     *                          start on it sees the same topics and records
     * @param defaultPartitions partitions of topics created without an explicit count ({@code num.partitions})
     */
    public record Options(Path dataDir, int defaultPartitions) {
        /** Validates the options. */
        public Options {
            if (defaultPartitions < 1) {
                throw new IllegalArgumentException("defaultPartitions must be >= 1: " + defaultPartitions);
            }
        }

        /** @return a temporary data directory and 6 default partitions */
        public static Options defaults() {
            return new Options(null, 6);
        }
    }

    /**
     * Where a standalone broker takes clients: it binds {@code host:port} and tells clients (in metadata) to reach it
     * at {@code advertisedHost:port}. Its controller listens on a free loopback port.
     */
    public record Listener(String host, int port, String advertisedHost) {
        /** Validates the listener. */
        public Listener {
            if (host == null || host.isBlank() || advertisedHost == null || advertisedHost.isBlank()) {
                throw new IllegalArgumentException("listener host and advertised host are required");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("listener port must be 1-65535: " + port);
            }
        }

        /** @return {@code PLAINTEXT://host:port} as Kafka writes a listener */
        String listener() {
            return "PLAINTEXT://" + host + ":" + port;
        }

        /** @return what clients are told to connect to */
        public String advertised() {
            return advertisedHost + ":" + port;
        }
    }

    private KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path tempDir;
    /** What the broker was started with: a restart starts a new one with exactly these. */
    private final Properties props;
    private final Path dataDir;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path tempDir, Properties props,
                          Path dataDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.tempDir = tempDir;
        this.props = props;
        this.dataDir = dataDir;
    }

    /** Starts a broker on a temporary directory that is deleted on {@link #close()}. */
    public static EmbeddedKafka start() {
        return start(Options.defaults());
    }

    /**
     * Starts a broker and returns once it answers client requests.
     *
     * @throws IllegalStateException if the broker cannot be started or is not ready within 30 s
     */
    public static EmbeddedKafka start(Options options) {
        return start(options, EmbeddedKafka::freePort);
    }

    /** As {@link #start(Options)}, taking the candidate ports from {@code ports} (tests force collisions). */
    static EmbeddedKafka start(Options options, IntSupplier ports) {
        return start(options, ports, 0);
    }

    /**
     * As {@link #start(Options)}, listening on {@code brokerPort}, but clients are told (in metadata) to reach
     * the broker at {@code 127.0.0.1:advertisedPort}: where a test's proxy listens and forwards to brokerPort.
     */
    public static EmbeddedKafka startAdvertising(Options options, int brokerPort, int advertisedPort) {
        boolean[] first = {true};
        IntSupplier ports = () -> {
            if (first[0]) {
                first[0] = false;
                return brokerPort;
            }
            return freePort();
        };
        return start(options, ports, advertisedPort);
    }

    /**
     * Starts a broker for other processes to use (the {@code broker} command): it binds {@code listener}'s address
     * rather than a random loopback port. With a data directory, a later start on it keeps topics and records.
     */
    public static EmbeddedKafka start(Options options, Listener listener) {
        boolean[] first = {true};
        IntSupplier ports = () -> {
            if (first[0]) {
                first[0] = false;
                return listener.port();
            }
            return freePort();
        };
        return start(options, ports, 0, listener);
    }

    private static EmbeddedKafka start(Options options, IntSupplier ports, int advertisedPort) {
        return start(options, ports, advertisedPort, null);
    }

    private static EmbeddedKafka start(Options options, IntSupplier ports, int advertisedPort, Listener listener) {
        long startNanos = System.nanoTime();
        Path tempDir = null;
        KafkaRaftServer server = null;
        int brokerPort = 0;
        Properties props = null;
        try {
            Path dataDir = options.dataDir();
            if (dataDir == null) {
                tempDir = Files.createTempDirectory("embedded-kafka-");
                dataDir = tempDir;
            }
            Files.createDirectories(dataDir);
            for (int attempt = 1; server == null; attempt++) {
                brokerPort = ports.getAsInt();
                int controllerPort = ports.getAsInt();
                Listener clients = listener != null ? listener
                        : new Listener(HOST, brokerPort, HOST);
                props = brokerProperties(dataDir, options.defaultPartitions(), clients, controllerPort,
                        advertisedPort > 0 ? advertisedPort : brokerPort);
                try {
                    server = startServer(dataDir, props);
                } catch (RuntimeException e) {
                    if (listener != null || attempt >= START_ATTEMPTS || canBind(brokerPort) && canBind(controllerPort)) {
                        throw e;
                    }
                    LOG.warn("Port {} or {} was taken meanwhile, retrying with new ports", brokerPort, controllerPort);
                }
            }
            String reachAt = listener == null ? HOST + ":" + brokerPort : loopbackOr(listener.host()) + ":" + brokerPort;
            EmbeddedKafka kafka = new EmbeddedKafka(server, reachAt, tempDir, props, dataDir);
            kafka.awaitReady();
            LOG.info("Embedded Kafka started at {} on {} in {} ms", kafka.bootstrapServers, dataDir,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
            return kafka;
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                stop(server);
            }
            if (tempDir != null) {
                deleteRecursively(tempDir);
            }
            throw new IllegalStateException("Could not start embedded Kafka", e);
        }
    }

    /** Formats the directory when needed and starts a broker on it; a broker that fails to start is stopped. */
    private static KafkaRaftServer startServer(Path dataDir, Properties props) throws IOException {
        format(dataDir, props);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        STARTING.add(Thread.currentThread());
        try {
            server.startup();
            return server;
        } catch (RuntimeException e) {
            stop(server);
            throw e;
        } finally {
            STARTING.remove(Thread.currentThread());
        }
    }

    /**
     * Stops the broker as an outage would, keeping its log directory and ports for {@link #restartBroker()}.
     * Clients see it gone until then.
     */
    public synchronized void shutdownBroker() {
        if (closed || server == null) {
            return;
        }
        stop(server);
        server = null;
    }

    /**
     * Starts a new broker on the same log directory and ports after {@link #shutdownBroker()}: it has the
     * topics, records and committed offsets of the one before, and clients reconnect to the same address.
     *
     * @throws IllegalStateException if it cannot be started or is not ready within 30 s
     */
    public synchronized void restartBroker() {
        if (closed) {
            throw new IllegalStateException("the embedded broker is closed");
        }
        if (server != null) {
            return;
        }
        try {
            server = startServer(dataDir, props);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not restart embedded Kafka on " + dataDir, e);
        }
        awaitReady();
        LOG.info("Embedded Kafka restarted at {} on {}", bootstrapServers, dataDir);
    }

    /** @return the bootstrap servers of this broker, {@code "127.0.0.1:<port>"} */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Creates the topics that do not exist yet and waits until the broker serves all of them.
     *
     * @param nameToPartitions topic names with their partition counts (replication factor is always 1)
     */
    public void createTopics(Map<String, Integer> nameToPartitions) {
        List<NewTopic> topics = nameToPartitions.entrySet().stream()
                .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
                .toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        try (Admin admin = admin()) {
            admin.createTopics(topics).values().values().forEach(future -> {
                try {
                    future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topics " + nameToPartitions.keySet(), e);
                    }
                } catch (InterruptedException | TimeoutException e) {
                    throw failure("create topics " + nameToPartitions.keySet(), e);
                }
            });
            // The controller has committed the topics; the broker applies that metadata a moment later
            // (measured: already visible on the first describe, the loop is a safety net bounded by the deadline).
            while (true) {
                try {
                    admin.describeTopics(nameToPartitions.keySet()).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                        throw new IllegalStateException("Topics not visible " + nameToPartitions.keySet(), e);
                    }
                } catch (InterruptedException | TimeoutException e) {
                    throw failure("describe topics " + nameToPartitions.keySet(), e);
                }
            }
        }
    }

    /** Shuts the broker down and deletes its temporary directory, if any. Idempotent; never throws. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            stop(server);
        }
        if (tempDir != null) {
            deleteRecursively(tempDir);
        }
    }

    private void awaitReady() {
        try (Admin admin = admin()) {
            if (admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).isEmpty()) {
                throw new IllegalStateException("Broker at " + bootstrapServers + " reports no nodes");
            }
        } catch (ExecutionException | InterruptedException | TimeoutException e) {
            throw failure("reach broker at " + bootstrapServers, e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS)));
    }

    /** This process reaches a broker bound to every interface through loopback. */
    private static String loopbackOr(String host) {
        return "0.0.0.0".equals(host) || "::".equals(host) ? HOST : host;
    }

    private static Properties brokerProperties(Path dataDir, int partitions, Listener clients, int controllerPort,
                                               int advertisedPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", clients.listener() + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + clients.advertisedHost() + ":" + advertisedPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("logs").toAbsolutePath().toString());
        p.put("num.partitions", Integer.toString(partitions));
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        p.put("auto.create.topics.enable", "false");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        return p;
    }

    /**
     * Formats the log directory unless it already is (a restart on a kept data dir keeps its log). Even with
     * {@code --ignore-formatted} the tool rejects a cluster id other than the recorded one, so that one is reused.
     */
    private static void format(Path dataDir, Properties props) throws IOException {
        String clusterId = Uuid.randomUuid().toString();
        Path metaProperties = dataDir.resolve("logs").resolve("meta.properties");
        if (Files.exists(metaProperties)) {
            Properties meta = new Properties();
            try (InputStream in = Files.newInputStream(metaProperties)) {
                meta.load(in);
            }
            clusterId = meta.getProperty("cluster.id", clusterId);
        }
        Path propsFile = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(propsFile)) {
            props.store(out, "embedded Kafka, rewritten on every start");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {"format", "-t", clusterId,
                    "-c", propsFile.toString(), "--ignore-formatted"}, printStream);
        }
        if (status != 0) {
            throw new IllegalStateException("Formatting " + dataDir + " failed (" + status + "): "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HOST, e);
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void stop(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Error shutting down embedded Kafka", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {}", dir, e);
        }
    }

    private static IllegalStateException failure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new IllegalStateException("Could not " + what, e);
    }
}
