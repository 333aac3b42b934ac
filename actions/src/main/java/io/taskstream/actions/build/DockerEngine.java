package io.taskstream.actions.build;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One Docker Engine API client for one engine, e.g. {@code unix:///var/run/docker.sock}. Open one per
 * engine and close it when done; nothing here is shared behind the caller's back.
 */
public final class DockerEngine implements AutoCloseable {
    public static final URI DEFAULT_HOST = URI.create("unix:///var/run/docker.sock");

    private final URI host;
    private final DockerClient client;

    public DockerEngine(URI host) {
        this.host = host;
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host.toString())
                .build();
        // No response timeout: a build may print nothing for minutes; ImageBuild bounds each call itself.
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(8)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        this.client = DockerClientImpl.getInstance(config, http);
    }

    /** The engine named by {@code DOCKER_HOST} in the given environment, else the local socket. */
    public static DockerEngine fromEnvironment(Map<String, String> env) {
        String named = env.get("DOCKER_HOST");
        return new DockerEngine(named == null || named.isBlank() ? DEFAULT_HOST : URI.create(named.strip()));
    }

    public static DockerEngine fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public URI host() {
        return host;
    }

    public DockerClient client() {
        return client;
    }

    /** Empty when the engine answers a ping, else why it cannot be used. */
    public Optional<String> unavailable() {
        try {
            client.pingCmd().exec();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("no Docker engine answers at " + host + ": " + DockerErrors.message(e));
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
