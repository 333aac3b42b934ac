package io.taskstream.task;

import io.taskstream.task.parse.TaskFileException;
import io.taskstream.task.parse.TaskFileParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the task files under {@code src/test/resources/tasks}. */
public final class Fixtures {
    public static final String REGISTRY = "registry-ip-change.md";
    public static final String IMAGE_BUILD = "image-build.md";
    public static final String FLUX = "flux-deployment.md";
    public static final String HEALTH = "health-verification.md";

    private Fixtures() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/tasks/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    public static TaskFile parse(String name) {
        return parseText("tasks/active/" + name, text(name));
    }

    public static TaskFile parseText(String path, String text) {
        try {
            return new TaskFileParser().parse(path, text.getBytes(StandardCharsets.UTF_8));
        } catch (TaskFileException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
