package io.taskstream.launcher.cli;

import io.taskstream.launcher.cli.errors.ClientSecrets;
import io.taskstream.launcher.cli.errors.UserError;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Checks, before a command relies on Kafka, that the broker answers within the connect timeout, so that a dead
 * broker costs seconds and one line, not the Kafka clients' minute-long retries and a stack trace.
 */
final class Broker {
    /** What the broker said about itself. */
    record Cluster(String clusterId, int brokers, String metadataVersion) {
        String describe() {
            return "cluster " + clusterId + ", " + brokers + (brokers == 1 ? " broker" : " brokers")
                    + (metadataVersion == null ? "" : ", metadata.version level " + metadataVersion);
        }
    }

    private Broker() {
    }

    /** @throws UserError ({@link Exit#UNAVAILABLE}) when the broker does not answer within {@code timeout} */
    static Cluster reachable(String servers, Duration timeout) {
        return reachable(servers, timeout, java.util.Map.of());
    }

    /**
     * @param extra the deployment's Kafka client properties (TLS, SASL); the check's own settings win
     * @throws UserError ({@link Exit#INVALID}) when a client cannot be made of {@code extra}
     */
    static Cluster reachable(String servers, Duration timeout, java.util.Map<String, String> extra) {
        long seconds = Math.max(1, timeout.toSeconds());
        String within = "cannot reach Kafka at " + servers + " within " + seconds + " s: ";
        String probe = probe(servers, timeout);
        if (probe != null) {
            throw new UserError(Exit.UNAVAILABLE, within + probe + " — is the broker running? (--bootstrap-servers)");
        }
        int ms = (int) Math.max(1000, timeout.toMillis());
        Properties p = new Properties();
        p.putAll(extra);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(ms, 10_000));
        p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, ms);
        p.put(AdminClientConfig.RETRIES_CONFIG, 0);
        Admin admin = create(p, extra);
        try {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms));
            String id = cluster.clusterId().get(ms + 500L, TimeUnit.MILLISECONDS);
            int nodes = cluster.nodes().get(ms + 500L, TimeUnit.MILLISECONDS).size();
            String level = null;
            try {
                FeatureMetadata features = admin.describeFeatures().featureMetadata().get(ms + 500L, TimeUnit.MILLISECONDS);
                var mv = features.finalizedFeatures().get("metadata.version");
                level = mv == null ? null : String.valueOf(mv.maxVersionLevel());
            } catch (Exception e) {
                // older brokers: the version is a detail, reachability is what matters
            }
            return new Cluster(id, nodes, level);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(Exit.UNAVAILABLE, within + "interrupted", e);
        } catch (Exception e) {
            throw new UserError(Exit.UNAVAILABLE, within + unanswered(e, extra), e);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    /**
     * An admin client of {@code p}.
     *
     * @throws UserError ({@link Exit#INVALID}) naming what the client rejected, credentials masked
     */
    static Admin create(Properties p, java.util.Map<String, String> extra) {
        try {
            return Admin.create(p);
        } catch (KafkaException | IllegalArgumentException e) {
            throw ClientSecrets.invalid(e, extra, Exit.INVALID);
        }
    }

    /** Why a broker that accepts connections did not answer the check. */
    private static String unanswered(Exception e, java.util.Map<String, String> extra) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof AuthenticationException) {
                return "it refused the client: " + ClientSecrets.mask(c.getMessage(), extra)
                        + " — check the kafka: properties of --config (" + ClientSecrets.shown(extra) + ")";
            }
        }
        if (extra.isEmpty()) {
            return "it accepts connections but does not answer as a Kafka broker — is this the broker's listener "
                    + "address? (--bootstrap-servers)";
        }
        return "it accepts connections but does not answer a client with the kafka: properties of --config ("
                + ClientSecrets.shown(extra) + ") — do they match this listener? (--bootstrap-servers, --config)";
    }

    /** Why no bootstrap address accepts a TCP connection; {@code null} when one does. */
    private static String probe(String servers, Duration timeout) {
        String why = "no address given";
        for (String server : servers.split(",")) {
            String s = server.strip();
            int colon = s.lastIndexOf(':');
            if (colon <= 0) {
                return "'" + s + "' is not HOST:PORT";
            }
            int port;
            try {
                port = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                return "'" + s + "' is not HOST:PORT";
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(s.substring(0, colon), port), (int) Math.max(1, timeout.toMillis()));
                return null;
            } catch (UnknownHostException e) {
                why = "unknown host " + s.substring(0, colon);
            } catch (ConnectException e) {
                why = "connection refused";
            } catch (SocketTimeoutException e) {
                why = "no answer";
            } catch (IOException | IllegalArgumentException e) {
                why = e.getMessage();
            }
        }
        return why;
    }
}
