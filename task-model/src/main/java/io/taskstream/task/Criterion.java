package io.taskstream.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One top-level checkbox of {@code ## Acceptance Criteria} with its steps.
 *
 * @param number  1-based position in listed order
 * @param text    the text after the checkbox, continuation lines joined with a space
 * @param line    1-based line of the {@code - [ ]} bullet
 * @param checked whether the box is {@code [x]} or {@code [X]}
 * @param steps   the nested {@code key: value} bullets with a known key, in order
 */
public record Criterion(int number, String text, int line, boolean checked, List<Step> steps) {

    /** Validates and copies the components. */
    public Criterion {
        Objects.requireNonNull(text, "text");
        steps = List.copyOf(steps);
    }

    /** @return the {@code run} commands in order */
    public List<String> runs() {
        return values(Step.RUN);
    }

    /** @return the normalised {@code in} directory, relative to the workspace root */
    public Optional<String> workingDir() {
        return values(Step.IN).stream().findFirst().map(StepValues::workingDir);
    }

    /** @return all {@code env} pairs; a later pair for the same name wins */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        values(Step.ENV).forEach(v -> env.putAll(StepValues.env(v)));
        return env;
    }

    /** @return the {@code timeout}, if given */
    public Optional<Duration> timeout() {
        return values(Step.TIMEOUT).stream().findFirst().map(StepValues::timeout);
    }

    /** @return the {@code verify} commands in order */
    public List<String> verifies() {
        return values(Step.VERIFY);
    }

    /** @return the distinct criterion numbers from all {@code needs} steps */
    public List<Integer> needs() {
        LinkedHashSet<Integer> needs = new LinkedHashSet<>();
        values(Step.NEEDS).forEach(v -> needs.addAll(StepValues.needs(v)));
        return List.copyOf(needs);
    }

    /** @return the typed action steps ({@link Step#ACTION_KEYS}) in order */
    public List<Step> actions() {
        return steps.stream().filter(Step::isAction).toList();
    }

    /** @return true if there is a {@code run} or a typed action; otherwise a human must act */
    public boolean hasExecutableStep() {
        return steps.stream().anyMatch(s -> s.key().equals(Step.RUN) || s.isAction());
    }

    private List<String> values(String key) {
        List<String> out = new ArrayList<>();
        for (Step s : steps) {
            if (s.key().equals(key)) {
                out.add(s.value());
            }
        }
        return out;
    }
}
