package io.taskstream.reporter;

import io.taskstream.events.data.*;
import io.taskstream.events.envelope.Envelope;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.taskstream.reporter.Events.criterion;
import static io.taskstream.reporter.Events.sha;
import static io.taskstream.reporter.Events.task;

/**
 * {@link SampleRun} with two more tasks, so that every outcome a report shows is in one run:
 * <ul>
 *   <li>TASK-005's image build fails twice with the same error (the command failed);</li>
 *   <li>TASK-006's one criterion has no executable step: it needs a person.</li>
 * </ul>
 */
public final class RichRun {
    public static final String BUILD_ERROR = "#7 [3/7] COPY requirements.txt .\n"
            + "ERROR: failed to solve: step 3/7: COPY requirements.txt: no such file";
    public static final CriterionSpec TRIAGER = new CriterionSpec(1, "Build the triager image", 30, false,
            List.of("docker build -t 127.0.0.1:5000/triager:0.3.0 ."), "triager", java.util.Map.of(), 0,
            List.of("docker image inspect 127.0.0.1:5000/triager:0.3.0"), List.of(), List.of());
    public static final TaskSnapshot TASK_005 = task("TASK-005", "Build the triager image", "high", "build",
            List.of(), TRIAGER);
    public static final CriterionSpec WINDOW = criterion(1, "Agree the rollout window with the team lead", false,
            List.of(), List.of(), List.of());
    public static final TaskSnapshot TASK_006 = task("TASK-006", "Plan the rollout", "low", "coordination",
            List.of(), WINDOW);
    public static final String PERSON_REASON = "criterion 1 (Agree the rollout window with the team lead): skipped: "
            + "no executable step: a person has to do it";

    private RichRun() {
    }

    public static List<Envelope<?>> events() {
        Events e = new Events(SampleRun.RUN_ID, 1000);
        List<Envelope<?>> out = new ArrayList<>(SampleRun.events().stream()
                .filter(x -> !(x.data() instanceof ScanCompleted)).toList());
        out.add(e.ready(1, TASK_005, 3));
        out.add(e.ready(1, TASK_006, 4));
        out.add(e.scanCompleted(3, List.of("TASK-001", "TASK-002", "TASK-005", "TASK-006"),
                List.of("TASK-003", "TASK-004"), List.of(SampleRun.INVALID_PATH), List.of("TASK-000")));
        out.add(e.started(12, "TASK-005", TRIAGER, 1));
        out.add(e.at(20, "TASK-005", new CriterionFailed(1, TRIAGER.text(), 1, "TASK-005-1-1", FailureCause.RUN_FAILED,
                1, 8_000, BUILD_ERROR, "step 1 exited with 1", Events.T0.plusSeconds(30))));
        out.add(e.at(30, "TASK-005", new CriterionRetry(1, TRIAGER.text(), 2, Events.T0.plusSeconds(30),
                FailureCause.RUN_FAILED)));
        out.add(e.started(31, "TASK-005", TRIAGER, 2));
        out.add(e.at(39, "TASK-005", new CriterionFailed(1, TRIAGER.text(), 2, "TASK-005-1-2", FailureCause.RUN_FAILED,
                1, 8_000, BUILD_ERROR, "step 1 exited with 1", null)));
        out.add(e.blocked(40, TASK_005, "criterion 1 (Build the triager image): failed: step 1 exited with 1",
                List.of("criterion 1 (Build the triager image): failed: step 1 exited with 1"), sha("E1")));
        out.add(e.at(13, "TASK-006", new CriterionSkipped(1, WINDOW.text(), SkipReason.NEEDS_HUMAN,
                "no executable step: a person has to do it")));
        out.add(e.at(14, "TASK-006", new TaskBlocked(TASK_006.title(), PERSON_REASON, true, List.of(PERSON_REASON),
                sha("F1"))));
        out.sort(Comparator.comparing(Envelope::time));
        return out;
    }
}
