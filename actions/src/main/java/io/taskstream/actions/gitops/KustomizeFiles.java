package io.taskstream.actions.gitops;

import io.taskstream.runtime.git.FileOverlay;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The files {@code kubectl kustomize} reads to build an overlay, found by following its kustomization files:
 * resources and bases (files, or directories with their own kustomization), components, patches, generator
 * files, transformer configurations. A commit is read path by path, so this is how the overlay is put on disk
 * without checking the whole repository out. Remote references and paths leaving the repository are left to
 * kustomize, which reports them.
 */
public final class KustomizeFiles {
    private static final List<String> NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    private static final List<String> PATH_LISTS = List.of("resources", "bases", "components", "crds",
            "configurations", "patchesStrategicMerge", "generators", "transformers", "validators");
    private static final List<String> PATH_ITEMS = List.of("patches", "patchesJson6902", "replacements");
    private static final List<String> GENERATORS = List.of("configMapGenerator", "secretGenerator");

    /** Reads a file of the repository by its slash-separated path; empty when there is no file there. */
    @FunctionalInterface
    public interface Source {
        Optional<byte[]> read(String path) throws IOException;
    }

    private KustomizeFiles() {
    }

    public static boolean isKustomization(String file) {
        return NAMES.contains(file.substring(file.lastIndexOf('/') + 1));
    }

    /** Every file the overlay needs, by path relative to the repository root. */
    public static Map<String, byte[]> collect(Source files, String overlay) throws IOException {
        Map<String, byte[]> needed = new TreeMap<>();
        Set<String> visited = new HashSet<>();
        Deque<String> dirs = new ArrayDeque<>(List.of(overlay));
        while (!dirs.isEmpty()) {
            String dir = dirs.pop();
            if (!visited.add(dir)) {
                continue;
            }
            for (String name : NAMES) {
                String path = join(dir, name);
                Optional<byte[]> kustomization = files.read(path);
                if (kustomization.isPresent()) {
                    needed.put(path, kustomization.get());
                    for (String ref : references(kustomization.get())) {
                        String target = ref.contains("://") || ref.contains("\n") ? null : FileOverlay.normalize(join(dir, ref));
                        if (target != null) {
                            Optional<byte[]> file = files.read(target);
                            if (file.isPresent()) {
                                needed.put(target, file.get());
                            } else {
                                dirs.push(target);
                            }
                        }
                    }
                    break;
                }
            }
        }
        return needed;
    }

    private static String join(String dir, String name) {
        return dir.isEmpty() || dir.equals(".") ? name : dir + "/" + name;
    }

    /** The paths a kustomization names; what is not one (inline patches, malformed fields) is skipped. */
    private static Set<String> references(byte[] kustomization) {
        Set<String> refs = new HashSet<>();
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(kustomization, StandardCharsets.UTF_8));
        } catch (YAMLException e) {
            return refs; // kustomize says what is wrong with it
        }
        if (!(loaded instanceof Map<?, ?> k)) {
            return refs;
        }
        PATH_LISTS.forEach(field -> list(k.get(field)).forEach(item -> addString(refs, item)));
        PATH_ITEMS.forEach(field -> list(k.get(field)).forEach(item -> addString(refs, field(item, "path"))));
        addString(refs, field(k.get("openapi"), "path"));
        for (String field : GENERATORS) {
            for (Object generator : list(k.get(field))) {
                list(field(generator, "files")).forEach(f -> addString(refs, f instanceof String s ? s.substring(s.indexOf('=') + 1) : null));
                list(field(generator, "envs")).forEach(e -> addString(refs, e));
                addString(refs, field(generator, "env"));
            }
        }
        return refs;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static Object field(Object map, String name) {
        return map instanceof Map<?, ?> m ? m.get(name) : null;
    }

    private static void addString(Set<String> refs, Object value) {
        if (value instanceof String s && !s.isBlank()) {
            refs.add(s.strip());
        }
    }
}
