package io.taskstream.runtime.progress;

import io.taskstream.events.data.EventData;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.runtime.kafka.Consumed;
import org.junit.jupiter.api.Test;

import static io.taskstream.runtime.progress.Events.*;
import static org.assertj.core.api.Assertions.assertThat;

class TaskRunsTest {
    private final TaskRuns runs = new TaskRuns();

    private static Consumed at(long offset, String runId, String taskId, EventData data) {
        return new Consumed(event(runId, taskId, data), 0, offset);
    }

    private static EventData readyOf(String taskId) {
        return ready(taskId, ExecutionOptions.defaults(), criterion(1, false));
    }

    @Test
    void withNothingOpenTheSafeOffsetIsPastEverything() {
        assertThat(runs.safeOffset(17)).isEqualTo(17);
    }

    @Test
    void theSafeOffsetIsTheFirstOpenRunsTaskReadyAndMovesOnWhenItCloses() {
        TaskRun first = runs.apply(at(5, RUN, "TASK-1", readyOf("TASK-1")));
        TaskRun second = runs.apply(at(7, RUN, "TASK-2", readyOf("TASK-2")));
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(runs.apply(at(8, RUN, "TASK-1", started(1, 1)))).isSameAs(first);
        assertThat(first.criterion(1).phase()).isEqualTo(Phase.RUNNING);

        assertThat(runs.safeOffset(9)).isEqualTo(5);

        runs.apply(at(9, RUN, "TASK-1", taskCompleted()));
        assertThat(runs.safeOffset(10)).isEqualTo(7);
        assertThat(runs.open()).containsExactly(second);

        runs.apply(at(10, RUN, "TASK-2", taskBlocked()));
        assertThat(runs.safeOffset(11)).isEqualTo(11);
        assertThat(runs.open()).isEmpty();
    }

    @Test
    void openRunsAreListedInTheOrderTheirTasksBecameReady() {
        TaskRun a = runs.apply(at(3, RUN, "TASK-A", readyOf("TASK-A")));
        TaskRun b = runs.apply(at(4, "run-2", "TASK-B", readyOf("TASK-B")));

        assertThat(runs.open()).containsExactly(a, b);
    }

    @Test
    void aDuplicateTaskReadyForTheSameRunAndTaskIsIgnored() {
        TaskRun first = runs.apply(at(5, RUN, "TASK-1", readyOf("TASK-1")));

        assertThat(runs.apply(at(6, RUN, "TASK-1", readyOf("TASK-1")))).isNull();

        assertThat(runs.open()).containsExactly(first);
        assertThat(first.readyOffset()).isEqualTo(5);
        assertThat(runs.safeOffset(7)).isEqualTo(5);
    }

    @Test
    void aTaskReadyReplayedAfterItsRunClosedDoesNotReopenIt() {
        runs.apply(at(5, RUN, "TASK-1", readyOf("TASK-1")));
        runs.apply(at(6, RUN, "TASK-1", taskCompleted()));
        assertThat(runs.safeOffset(7)).isEqualTo(7);

        assertThat(runs.apply(at(8, RUN, "TASK-1", readyOf("TASK-1")))).isNull();

        assertThat(runs.open()).isEmpty();
        assertThat(runs.safeOffset(9)).isEqualTo(9);
    }

    @Test
    void theSameTaskInANewRunOpensANewRun() {
        runs.apply(at(5, RUN, "TASK-1", readyOf("TASK-1")));
        runs.apply(at(6, RUN, "TASK-1", taskCompleted()));

        TaskRun again = runs.apply(at(7, "run-2", "TASK-1", readyOf("TASK-1")));

        assertThat(again).isNotNull();
        assertThat(again.runId()).isEqualTo("run-2");
        assertThat(runs.safeOffset(8)).isEqualTo(7);
    }

    @Test
    void eventsOfNoOpenRunBelongToNothing() {
        runs.apply(at(5, RUN, "TASK-1", readyOf("TASK-1")));

        assertThat(runs.apply(at(6, "run-2", "TASK-1", started(1, 1)))).isNull();
        assertThat(runs.apply(at(7, RUN, "TASK-9", started(1, 1)))).isNull();
    }

    @Test
    void aSecondRunOfTheSameTaskSeesTheEarlierOpenOne() {
        TaskRun first = runs.apply(at(5, RUN, "TASK-1", readyOf("TASK-1")));
        TaskRun second = runs.apply(at(6, "run-2", "TASK-1", readyOf("TASK-1")));
        TaskRun other = runs.apply(at(7, "run-2", "TASK-2", readyOf("TASK-2")));

        assertThat(runs.earlierOpenRun(second)).containsSame(first);
        assertThat(runs.earlierOpenRun(first)).isEmpty();
        assertThat(runs.earlierOpenRun(other)).isEmpty();
        runs.apply(at(8, RUN, "TASK-1", taskCompleted()));
        assertThat(runs.earlierOpenRun(second)).isEmpty();
    }
}
