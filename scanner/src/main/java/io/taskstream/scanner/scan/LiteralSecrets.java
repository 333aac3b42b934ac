package io.taskstream.scanner.scan;

import io.taskstream.runtime.process.Redactor;
import io.taskstream.task.Criterion;
import io.taskstream.task.Step;
import io.taskstream.task.TaskFile;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Refuses task files that carry a secret in clear: whatever a task file says travels in its events, so a
 * token written into a step would reach the event log. Secrets are referenced as {@code ${secret:NAME}}.
 */
final class LiteralSecrets {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{secret:[A-Za-z0-9_.-]+}");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(token|password|passwd|secret|api_?key|access_?key).*");

    private LiteralSecrets() {
    }

    static Optional<InvalidFile> check(TaskFile file) {
        for (Criterion c : file.criteria()) {
            for (Step step : c.steps()) {
                if (Redactor.looksSecret(step.value())) {
                    return Optional.of(problem(file, step, "the " + step.key() + " step holds what looks like a token"));
                }
                if (step.key().equals(Step.ENV)) {
                    for (Map.Entry<String, String> e : envOf(step).entrySet()) {
                        if (SECRET_NAME.matcher(e.getKey()).matches() && !REFERENCE.matcher(e.getValue()).matches()) {
                            return Optional.of(problem(file, step, "env " + e.getKey() + " is given in clear"));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> envOf(Step step) {
        try {
            return io.taskstream.task.StepValues.env(step.value());
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    private static InvalidFile problem(TaskFile file, Step step, String what) {
        return new InvalidFile(file.path(), file.id(), step.line(), what
                + "; secrets would reach the event log: reference one the executor holds, as ${secret:NAME}");
    }
}
