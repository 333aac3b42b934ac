package io.taskstream.actions.build;

import io.taskstream.actions.StepResult;
import io.taskstream.actions.StepResult.Done;
import io.taskstream.actions.StepResult.Failed;
import io.taskstream.events.data.FailureCause;
import io.taskstream.task.action.ImageRef;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what a registry serves through the Docker Registry HTTP API v2, without Docker: the check half of
 * {@code build}. Plain http for loopback registries and the ones named insecure, https for the rest.
 */
public final class RegistryClient {
    private static final String ACCEPT = String.join(", ",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    private final Set<String> insecure;
    private final Duration timeout;
    private final HttpClient http;

    /** @param insecure registries ({@code host:port}) to reach over plain http besides loopback ones */
    public RegistryClient(Set<String> insecure, Duration timeout) {
        this.insecure = Set.copyOf(insecure);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public RegistryClient() {
        this(Set.of(), Duration.ofSeconds(10));
    }

    /**
     * The digest the registry serves for the image's tag, empty when it has no such tag.
     *
     * @throws RegistryUnavailable when the registry does not answer, or answers neither the manifest nor 404
     */
    public Optional<String> manifestDigest(ImageRef image) {
        URI uri = URI.create(base(image.registry()) + "/v2/" + image.repository() + "/manifests/" + image.tag());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", ACCEPT)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new RegistryUnavailable("registry " + image.registry() + " does not answer: HEAD " + uri + ": "
                    + describe(e), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailable("reading " + image + " from its registry was interrupted", true);
        }
        int status = response.statusCode();
        if (status == 404) {
            return Optional.empty();
        }
        if (status != 200) {
            throw new RegistryUnavailable("registry " + image.registry() + " answered HTTP " + status
                    + " for the manifest of " + image, status >= 500 || status == 429);
        }
        return Optional.of(response.headers().firstValue("Docker-Content-Digest")
                .orElseThrow(() -> new RegistryUnavailable("registry " + image.registry()
                        + " served the manifest of " + image + " without a Docker-Content-Digest", false)));
    }

    /** Passes when the registry serves the image's tag with the digest the build pushed. */
    public StepResult check(ImageRef image, String expectedDigest) {
        long started = System.nanoTime();
        Optional<String> served;
        try {
            served = manifestDigest(image);
        } catch (RegistryUnavailable e) {
            return new Failed(FailureCause.RUN_FAILED, -1, e.getMessage(),
                    millisSince(started), "", e.retryable());
        }
        long took = millisSince(started);
        if (served.isEmpty()) {
            return Failed.found("the registry has no tag " + image.tag() + " of " + image.repository(), took, "");
        }
        if (!served.get().equals(expectedDigest)) {
            return Failed.found(image + " is served with digest " + served.get() + ", not " + expectedDigest
                    + " (pushed by this criterion)", took, "");
        }
        return new Done(took, image + " is served with digest " + expectedDigest,
                Map.of("image", image.toString(), "digest", expectedDigest));
    }

    private String base(String registry) {
        boolean plain = insecure.contains(registry) || loopback(registry);
        return (plain ? "http://" : "https://") + registry;
    }

    private static boolean loopback(String registry) {
        String host = registry.startsWith("[") ? registry.substring(1, registry.indexOf(']'))
                : registry.replaceFirst(":\\d+$", "");
        host = host.toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.equals("::1") || host.matches("127(\\.\\d{1,3}){3}");
    }

    private static String describe(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().strip();
            }
        }
        // java.net.http gives a refused connection no message at all
        return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** The registry could not say what it serves; {@code retryable} when that may pass by itself. */
    public static final class RegistryUnavailable extends RuntimeException {
        private final boolean retryable;

        public RegistryUnavailable(String message, boolean retryable) {
            super(message);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
