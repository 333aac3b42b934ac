package io.taskstream.actions.gitops;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a GitOps change must pass before it is committed: every changed manifest is a Kubernetes object
 * (read with fabric8; apiVersion, kind and a valid metadata.name), and {@code kubectl kustomize} builds the
 * overlay from the files as they would be committed. Nothing is applied to a cluster.
 */
public final class ManifestCheck {
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int QUOTED_CHARS = 2_000;

    private final Path kubectl;
    private final Duration timeout;
    private final Path scratch;

    /**
     * @param scratch a directory where the overlay's files are written for kustomize, each time in a new
     *                directory that is removed afterwards
     */
    public ManifestCheck(Path kubectl, Duration timeout, Path scratch) {
        this.kubectl = kubectl;
        this.timeout = timeout;
        this.scratch = scratch;
    }

    /** A change that must not be committed; the message says why in a sentence. */
    public static final class Invalid extends IOException {
        public Invalid(String message) {
            super(message);
        }
    }

    /** @return {@code Kind/namespace/name} of the one object the text holds; empty for several or none */
    static java.util.Optional<String> object(String text) {
        try {
            Object read = Serialization.unmarshal(text);
            if (read instanceof HasMetadata r && r.getMetadata() != null && !blank(r.getMetadata().getName())) {
                String ns = r.getMetadata().getNamespace();
                return java.util.Optional.of(r.getKind() + "/" + (blank(ns) ? "default" : ns) + "/"
                        + r.getMetadata().getName());
            }
        } catch (RuntimeException e) {
            // not one object: nothing to name
        }
        return java.util.Optional.empty();
    }

    /** Checks one changed manifest; a kustomization file is left to {@link #kustomize}. */
    public void manifest(String file, String text) throws Invalid {
        if (KustomizeFiles.isKustomization(file)) {
            return;
        }
        Object read;
        try {
            read = Serialization.unmarshal(text);
        } catch (RuntimeException e) {
            throw new Invalid(file + " does not read as a Kubernetes object: " + e.getMessage());
        }
        List<?> objects = read instanceof List<?> list ? list : read == null ? List.of() : List.of(read);
        if (objects.isEmpty()) {
            throw new Invalid(file + " holds no Kubernetes object");
        }
        for (Object object : objects) {
            if (!(object instanceof HasMetadata resource)) {
                throw new Invalid(file + " holds a " + object.getClass().getSimpleName() + ", not a Kubernetes object");
            }
            String what = file + (objects.size() > 1 ? " (" + resource.getKind() + ")" : "");
            if (blank(resource.getApiVersion()) || blank(resource.getKind())) {
                throw new Invalid(what + " has no apiVersion or no kind");
            }
            String name = resource.getMetadata() == null ? null : resource.getMetadata().getName();
            if (blank(name)) {
                throw new Invalid(what + " has no metadata.name");
            }
            if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
                throw new Invalid(what + " has the metadata.name '" + name + "', which is not a valid Kubernetes"
                        + " name (lower-case letters, digits, '-' and '.')");
            }
        }
    }

    /**
     * Runs {@code kubectl kustomize} on the overlay, reading the files it needs from {@code files}.
     *
     * @param overlay the overlay directory relative to the repository root; empty skips the check
     */
    public void kustomize(KustomizeFiles.Source files, String overlay) throws IOException {
        if (overlay.isEmpty()) {
            return;
        }
        Map<String, byte[]> needed = KustomizeFiles.collect(files, overlay);
        Files.createDirectories(scratch);
        Path root = Files.createTempDirectory(scratch, "kustomize-");
        try {
            for (Map.Entry<String, byte[]> file : needed.entrySet()) {
                Path target = root.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
            Path overlayDir = root.resolve(overlay);
            Files.createDirectories(overlayDir);
            run(overlayDir, root, overlay);
        } finally {
            delete(root);
        }
    }

    private void run(Path overlayDir, Path root, String overlay) throws IOException {
        Path stderr = root.resolve(".kustomize-stderr");
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", overlayDir.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new Invalid("kubectl kustomize " + overlay + " did not finish within " + timeout.toSeconds() + "s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while kubectl kustomize " + overlay + " ran", e);
        }
        if (process.exitValue() != 0) {
            String error = Files.readString(stderr, StandardCharsets.UTF_8).strip()
                    .replace(root.toString() + "/", "").replace(root.toString(), "");
            if (error.length() > QUOTED_CHARS) {
                error = "…" + error.substring(error.length() - QUOTED_CHARS);
            }
            throw new Invalid("kubectl kustomize " + overlay + " failed (exit " + process.exitValue() + "): " + error);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
