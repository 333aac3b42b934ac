package io.taskstream.actions.gitops;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dotted path into a YAML document: keys, each optionally followed by list selectors {@code [N]} (the N-th
 * item) or {@code [name=X]} (the one mapping item whose {@code name} is X), e.g.
 * {@code spec.template.spec.containers[name=api].image}.
 */
record YamlPath(String text, List<Step> steps) {
    private static final Pattern SELECTOR = Pattern.compile("\\[(?:(\\d+)|([^\\]=]+)=([^\\]]*))]");

    /** One step down: a key, an index or a field match. */
    sealed interface Step {
        /** The step as the path writes it, e.g. {@code .image} or {@code [name=api]}. */
        String written();
    }

    record Key(String name) implements Step {
        public String written() {
            return "." + name;
        }
    }

    record Index(int index) implements Step {
        public String written() {
            return "[" + index + "]";
        }
    }

    record Match(String field, String value) implements Step {
        public String written() {
            return "[" + field + "=" + value + "]";
        }
    }

    static YamlPath parse(String path) {
        List<Step> steps = new ArrayList<>();
        for (String part : path.split("\\.", -1)) {
            int bracket = part.indexOf('[');
            String key = bracket < 0 ? part : part.substring(0, bracket);
            if (key.isEmpty()) {
                throw new IllegalArgumentException("the path '" + path + "' has an empty key");
            }
            steps.add(new Key(key));
            String rest = bracket < 0 ? "" : part.substring(bracket);
            Matcher m = SELECTOR.matcher(rest);
            int end = 0;
            while (m.find() && m.start() == end) {
                steps.add(m.group(1) != null ? new Index(Integer.parseInt(m.group(1))) : new Match(m.group(2), m.group(3)));
                end = m.end();
            }
            if (end != rest.length()) {
                throw new IllegalArgumentException("the path '" + path + "' has a malformed selector in '" + part + "'");
            }
        }
        return new YamlPath(path, List.copyOf(steps));
    }

    /** The first {@code n} steps as the path writes them, e.g. {@code spec.values}. */
    String prefix(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(steps.get(i).written());
        }
        return b.length() > 0 && b.charAt(0) == '.' ? b.substring(1) : b.toString();
    }
}
