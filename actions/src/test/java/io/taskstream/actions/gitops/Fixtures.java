package io.taskstream.actions.gitops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The GitOps repo the tests start from: a Flux layout with a base, a production overlay and a patch. */
final class Fixtures {
    static final List<String> FILES = List.of(
            "apps/base/podinfo/namespace.yaml",
            "apps/base/podinfo/repository.yaml",
            "apps/base/podinfo/release.yaml",
            "apps/base/podinfo/kustomization.yaml",
            "apps/base/api/deployment.yaml",
            "apps/base/api/kustomization.yaml",
            "apps/production/kustomization.yaml",
            "apps/production/podinfo-values.yaml");

    private Fixtures() {
    }

    static String text(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/gitops/repo/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> repo() {
        Map<String, String> files = new TreeMap<>();
        FILES.forEach(f -> files.put(f, text(f)));
        return files;
    }

    /** The text with its one occurrence of {@code from} replaced: what an edit of just those bytes gives. */
    static String replacedOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalArgumentException("'" + from + "' is not in the text exactly once");
        }
        return text.substring(0, at) + to + text.substring(at + from.length());
    }
}
