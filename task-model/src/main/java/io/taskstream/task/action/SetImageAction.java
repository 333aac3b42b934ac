package io.taskstream.task.action;

import io.taskstream.task.StepValues;
import io.taskstream.task.TaskType;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code set-image: FILE PATH = VALUE}: in the GitOps repo, sets the scalar at PATH of the manifest FILE to VALUE,
 * changing nothing else. PATH is dotted keys with list selectors: {@code spec.values.image.tag} or
 * {@code spec.template.spec.containers[name=api].image} or {@code ...containers[0].image}. VALUE ending in
 * {@code @digest} is pinned: the digest pushed by the build criterion this one needs is appended
 * ({@code 0.1.18@digest} becomes {@code 0.1.18@sha256:…}).
 */
public record SetImageAction(String file, String path, String value, boolean pinDigest) implements TypedAction {
    public static final String KIND = "set-image";
    public static final String PIN_SUFFIX = "@digest";
    private static final Pattern FORM = Pattern.compile("(\\S+)\\s+(\\S+)\\s*=\\s*(\\S+)");
    private static final Pattern PATH = Pattern.compile(
            "[A-Za-z0-9_-]+(?:\\[(?:\\d+|[A-Za-z0-9_-]+=[A-Za-z0-9_.-]+)])*"
                    + "(?:\\.[A-Za-z0-9_-]+(?:\\[(?:\\d+|[A-Za-z0-9_-]+=[A-Za-z0-9_.-]+)])*)*");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.:/@-]+");

    public static SetImageAction parse(String value) {
        Matcher m = FORM.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("set-image '" + value + "' is not FILE PATH = VALUE"
                    + " (e.g. apps/ffl/helmrelease.yaml spec.values.image.tag = 0.1.18)");
        }
        String file;
        try {
            file = StepValues.workingDir(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("set-image file " + e.getMessage().replaceFirst("^in ", ""));
        }
        if (!file.endsWith(".yaml") && !file.endsWith(".yml")) {
            throw new IllegalArgumentException("set-image file '" + file + "' is not a .yaml or .yml manifest");
        }
        if (!PATH.matcher(m.group(2)).matches()) {
            throw new IllegalArgumentException("set-image path '" + m.group(2) + "' is not dotted keys with"
                    + " optional [N] or [name=X] selectors (e.g. spec.values.image.tag)");
        }
        String v = m.group(3);
        if (!VALUE.matcher(v).matches()) {
            throw new IllegalArgumentException("set-image value '" + v + "' is not an image tag or reference");
        }
        boolean pin = v.endsWith(PIN_SUFFIX);
        return new SetImageAction(file, m.group(2), pin ? v.substring(0, v.length() - PIN_SUFFIX.length()) : v, pin);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public Set<TaskType> allowedIn() {
        return Set.of(TaskType.BUILD, TaskType.DEPLOYMENT, TaskType.CONFIGURATION, TaskType.GENERAL);
    }
}
