package io.taskstream.launcher.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Finds the repository's deploy directory, renders kustomizations with kubectl and reads YAML. */
final class Manifests {
    static final ObjectMapper JSON = new ObjectMapper();

    private Manifests() {
    }

    /** The repository root: the first directory at or above the working directory that holds {@code deploy/}. */
    static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/helm/taskstream")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/helm/taskstream at or above " + Path.of("").toAbsolutePath());
    }

    static Path kubectl() {
        for (String dir : (Objects.requireNonNullElse(System.getenv("PATH"), "") + ":/usr/bin:/usr/local/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("kubectl is needed to render deploy/k8s and was not found on PATH");
    }

    /** {@code kubectl kustomize dir}: its output, or a failure with its standard error. */
    static String kustomize(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(kubectl().toString(), "kustomize", dir.toString()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("kubectl kustomize " + dir + " did not finish in 2 minutes");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " exited " + p.exitValue() + ": " + err.join());
        }
        return out.join();
    }

    private static CompletableFuture<String> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Every document of a YAML stream, as JSON trees (empty documents left out). */
    static List<JsonNode> yamlDocuments(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (doc != null) {
                docs.add(JSON.valueToTree(doc));
            }
        }
        return docs;
    }

    static JsonNode yamlFile(Path file) throws IOException {
        List<JsonNode> docs = yamlDocuments(Files.readString(file));
        if (docs.size() != 1) {
            throw new AssertionError(file + " holds " + docs.size() + " documents, not one");
        }
        return docs.get(0);
    }

    /** Each rendered object as fabric8 reads it: typed for the built-in kinds. */
    static List<HasMetadata> objects(String rendered) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode doc : yamlDocuments(rendered)) {
            objects.add(Serialization.<HasMetadata>unmarshal(JSON.writeValueAsString(doc)));
        }
        return objects;
    }
}
