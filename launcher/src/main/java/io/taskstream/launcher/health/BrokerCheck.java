package io.taskstream.launcher.health;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Whether the broker answers: a {@code describeCluster} bounded by {@link #TIMEOUT}, its verdict kept for
 * {@link #CACHE} so that frequent probes cost one round trip every few seconds. Blocking: call it off the event loop.
 */
public final class BrokerCheck implements ReadinessCheck {
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final Duration CACHE = Duration.ofSeconds(5);

    private final Admin admin;
    private final CachedVerdict verdict;

    public BrokerCheck(String bootstrapServers, Clock clock) {
        this(bootstrapServers, Map.of(), clock);
    }

    /** @param properties the deployment's Kafka client properties (TLS, SASL); the check's own settings win */
    public BrokerCheck(String bootstrapServers, Map<String, String> properties, Clock clock) {
        int ms = (int) TIMEOUT.toMillis();
        Properties p = new Properties();
        p.putAll(properties);
        p.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "taskstream-health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms,
                // A broker that went away is retried soon after it is back, not after a long backoff.
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
        this.admin = Admin.create(p);
        this.verdict = new CachedVerdict(clock, CACHE, this::ask);
    }

    /** The cached verdict when it is recent, else a fresh one. */
    @Override
    public Verdict check() {
        return verdict.get();
    }

    private String ask() {
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes().get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS).size();
            return nodes > 0 ? null : "the broker answered with no nodes";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking the broker";
        } catch (ExecutionException e) {
            return "no answer from the broker within " + TIMEOUT.toSeconds() + " s: " + e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            return "no answer from the broker within " + TIMEOUT.toSeconds() + " s";
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
