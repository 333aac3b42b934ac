package io.taskstream.task.parse;

import io.taskstream.task.Criterion;
import io.taskstream.task.Step;
import io.taskstream.task.StepValues;
import io.taskstream.task.TaskType;
import io.taskstream.task.action.TypedAction;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the checkbox items of the criteria section into validated {@link Criterion} records. */
final class CriteriaReader {
    // keys are lower case on purpose: "Verify: by hand" is prose, "verify: cmd" is a step
    private static final Pattern STEP = Pattern.compile("([a-z][a-z0-9-]*)\\s*:(.*)", Pattern.DOTALL);

    private final String path;
    private final TaskType type;
    private final Problems problems;

    private CriteriaReader(String path, TaskType type, Problems problems) {
        this.path = path;
        this.type = type;
        this.problems = problems;
    }

    /** The criteria; every problem of every step goes to {@code problems}, one per step at most. */
    static List<Criterion> read(String path, List<Outline.Item> items, TaskType type, Problems problems) {
        List<Outline.Item> boxes = items.stream().filter(i -> i.checked() != null).toList();
        CriteriaReader reader = new CriteriaReader(path, type, problems);
        List<Criterion> criteria = new ArrayList<>();
        for (Outline.Item box : boxes) {
            int number = criteria.size() + 1;
            List<Step> steps = reader.steps(box);
            reader.validate(number, boxes.size(), steps);
            criteria.add(new Criterion(number, box.text(), box.line(), box.checked(), steps));
        }
        return criteria;
    }

    /** Nested bullets with a known key become steps; the rest are notes and are skipped. */
    private List<Step> steps(Outline.Item box) {
        List<Step> steps = new ArrayList<>();
        for (Outline.Item child : box.children()) {
            Matcher m = STEP.matcher(child.text());
            if (child.checked() == null && m.matches() && Step.KNOWN_KEYS.contains(m.group(1))) {
                steps.add(new Step(m.group(1), stripCodeSpan(m.group(2)), child.line()));
            }
        }
        return steps;
    }

    private void validate(int number, int total, List<Step> steps) {
        Step in = null;
        Step timeout = null;
        for (Step s : steps) {
            if (s.value().isEmpty()) {
                problems.add(s.line(), "'" + s.key() + "' step of criterion " + number + " has no value");
                continue;
            }
            try {
                switch (s.key()) {
                    case Step.IN -> {
                        in = once(in, s, number);
                        StepValues.workingDir(s.value());
                    }
                    case Step.TIMEOUT -> {
                        timeout = once(timeout, s, number);
                        StepValues.timeout(s.value());
                    }
                    case Step.ENV -> StepValues.env(s.value());
                    case Step.NEEDS -> checkNeeds(number, total, StepValues.needs(s.value()));
                    default -> {
                        if (s.isAction()) {
                            checkAllowed(TypedAction.parse(s.key(), s.value()));
                        }
                    }
                }
            } catch (TaskFileException e) {
                problems.add(e);
            } catch (IllegalArgumentException e) {
                String problem = e.getMessage();
                problems.add(s.line(), problem.startsWith("criterion ") ? problem : "criterion " + number + ": " + problem);
            }
        }
    }

    private void checkAllowed(TypedAction action) {
        if (!action.allowedIn().contains(type)) {
            throw new IllegalArgumentException("'" + action.kind() + "' is not allowed in a " + type.label()
                    + " task (its labels make it one); " + action.kind() + " belongs in "
                    + action.allowedIn().stream().map(TaskType::label).sorted().toList() + " tasks"
                    + (type == TaskType.VERIFICATION ? ": a verification task only checks (tls, http, k8s-ready)" : ""));
        }
    }

    private Step once(Step earlier, Step s, int number) throws TaskFileException {
        if (earlier != null) {
            throw new TaskFileException(path, s.line(), "criterion " + number + " has a second '" + s.key()
                    + "' step (the first is on line " + earlier.line() + ")");
        }
        return s;
    }

    private static void checkNeeds(int number, int total, List<Integer> needs) {
        for (int n : needs) {
            if (n == number) {
                throw new IllegalArgumentException("criterion " + number + " needs itself");
            }
            if (n < 1 || n > total) {
                throw new IllegalArgumentException("criterion " + number + " needs criterion " + n
                        + ", which does not exist (criteria are numbered 1 to " + total + ")");
            }
            if (n > number) {
                throw new IllegalArgumentException("criterion " + number + " needs criterion " + n
                        + ", which comes later; needs may only point to earlier criteria");
            }
        }
    }

    /**
     * Removes one code span around the whole value: {@code `make`} becomes {@code make},
     * {@code ``a `b` c``} becomes {@code a `b` c}. Anything else is only trimmed.
     */
    static String stripCodeSpan(String value) {
        String t = value.strip();
        int n = run(t, 0, 1);
        if (n == 0 || t.length() <= 2 * n || run(t, t.length() - 1, -1) != n) {
            return t;
        }
        String inner = t.substring(n, t.length() - n);
        for (int i = 0; i < inner.length(); ) {
            int r = run(inner, i, 1);
            if (r == n) {
                return t; // a run of the same length would close the span early: not one span
            }
            i += Math.max(r, 1);
        }
        return inner.strip();
    }

    /** Length of the backtick run starting at from, walking in direction step. */
    private static int run(String s, int from, int step) {
        int n = 0;
        for (int i = from; i >= 0 && i < s.length() && s.charAt(i) == '`'; i += step) {
            n++;
        }
        return n;
    }
}
