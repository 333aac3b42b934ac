package io.taskstream.task.action;

import io.taskstream.task.StepValues;
import io.taskstream.task.TaskType;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code build: CONTEXT -> REGISTRY/NAME:TAG}: builds the image from CONTEXT (a directory relative to the
 * workspace, holding a Dockerfile) through the Docker Engine API, tags and pushes it.
 */
public record BuildAction(String context, ImageRef image) implements TypedAction {
    public static final String KIND = "build";
    private static final Pattern FORM = Pattern.compile("(\\S+)\\s*->\\s*(\\S+)");

    public static BuildAction parse(String value) {
        Matcher m = FORM.matcher(value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("build '" + value + "' is not CONTEXT -> REGISTRY/NAME:TAG"
                    + " (e.g. ffl/backend -> 127.0.0.1:5000/ffl-backend:0.1.18)");
        }
        String context;
        try {
            context = StepValues.workingDir(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("build context " + e.getMessage().replaceFirst("^in ", ""));
        }
        return new BuildAction(context, ImageRef.parse(m.group(2)));
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
        return Set.of(TaskType.BUILD, TaskType.GENERAL);
    }
}
