package io.taskstream.runtime.progress;

import io.taskstream.events.data.EventData;
import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.data.SkipReason;
import io.taskstream.events.envelope.Envelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;

import static io.taskstream.runtime.progress.Events.*;
import static org.assertj.core.api.Assertions.assertThat;

class TaskRunTest {

    private static TaskRun run(io.taskstream.events.data.CriterionSpec... criteria) {
        return new TaskRun(RUN, ready(criteria), 42);
    }

    private static List<Integer> numbers(List<CriterionProgress> list) {
        return list.stream().map(p -> p.spec().number()).toList();
    }

    @Test
    void checkedCriteriaAreAlreadyDoneAndTheOthersPending() {
        TaskRun run = run(criterion(1, true), criterion(2, false));

        assertThat(run.criterion(1).phase()).isEqualTo(Phase.ALREADY_DONE);
        assertThat(run.criterion(2).phase()).isEqualTo(Phase.PENDING);
        assertThat(run.criterion(2).attempt()).isEqualTo(1);
        assertThat(run.taskId()).isEqualTo(TASK);
        assertThat(run.readyOffset()).isEqualTo(42);
    }

    @Test
    void startedCompletedVerifiedWalksTheHappyPath() {
        TaskRun run = run(criterion(1, false));

        assertThat(run.apply(event(started(1, 1)))).isTrue();
        assertThat(run.criterion(1).phase()).isEqualTo(Phase.RUNNING);
        assertThat(run.apply(event(completed(1, 1)))).isTrue();
        assertThat(run.criterion(1).phase()).isEqualTo(Phase.AWAITING_VERIFICATION);
        assertThat(run.apply(event(verified(1, 1)))).isTrue();
        assertThat(run.criterion(1).phase()).isEqualTo(Phase.VERIFIED);
        assertThat(run.settled()).isTrue();
        assertThat(run.allDone()).isTrue();
        assertThat(run.blockers()).isEmpty();
    }

    @Test
    void theSameEventTwiceChangesNothingTheSecondTime() {
        TaskRun run = run(criterion(1, false));
        Envelope<?> start = event(started(1, 1));

        assertThat(run.apply(start)).isTrue();
        assertThat(run.apply(start)).isFalse();
        assertThat(run.criterion(1).phase()).isEqualTo(Phase.RUNNING);
        // the same fact under a new id (a re-run after a crash) is a new event
        assertThat(run.apply(event(started(1, 1)))).isTrue();
    }

    @Test
    void eventsOfAnotherRunOrTaskAreIgnored() {
        TaskRun run = run(criterion(1, false));

        assertThat(run.apply(event("run-2", TASK, started(1, 1)))).isFalse();
        assertThat(run.apply(event(RUN, "TASK-2", started(1, 1)))).isFalse();
        assertThat(run.apply(event("run-2", TASK, taskCompleted()))).isFalse();
        assertThat(run.criterion(1).phase()).isEqualTo(Phase.PENDING);
        assertThat(run.closed()).isFalse();
    }

    @Test
    void aFailureWithRetryAtWaitsAndTheRetryMakesTheNextAttemptPending() {
        TaskRun run = run(criterion(1, false));
        run.apply(event(started(1, 1)));

        assertThat(run.apply(event(failed(1, 1, Instant.now().plusSeconds(30))))).isTrue();
        assertThat(run.criterion(1).phase()).isEqualTo(Phase.RETRY_WAIT);
        assertThat(run.criterion(1).detail()).isEqualTo("exit 1");
        assertThat(run.runnable()).isEmpty();
        assertThat(run.apply(event(retry(1, 3)))).as("a retry that skips an attempt").isFalse();

        assertThat(run.apply(event(retry(1, 2)))).isTrue();
        assertThat(run.criterion(1).phase()).isEqualTo(Phase.PENDING);
        assertThat(run.criterion(1).attempt()).isEqualTo(2);
        assertThat(numbers(run.runnable())).containsExactly(1);
    }

    @Test
    void eventsOfAStaleAttemptAreIgnored() {
        TaskRun run = run(criterion(1, false));
        run.apply(event(started(1, 1)));
        run.apply(event(failed(1, 1, Instant.now())));
        run.apply(event(retry(1, 2)));

        assertThat(run.apply(event(started(1, 1)))).isFalse();
        assertThat(run.apply(event(completed(1, 1)))).isFalse();
        assertThat(run.apply(event(verified(1, 1)))).isFalse();
        assertThat(run.criterion(1).phase()).isEqualTo(Phase.PENDING);
        assertThat(run.apply(event(started(1, 2)))).isTrue();
        assertThat(run.criterion(1).phase()).isEqualTo(Phase.RUNNING);
    }

    @Test
    void theRunRemembersTheIdOfTheAttemptThatWasVerified() {
        TaskRun run = run(criterion(1, false));
        assertThat(run.criterion(1).attemptId()).as("not started yet").isNull();

        run.apply(event(started(1, 1)));
        assertThat(run.criterion(1).attemptId()).isEqualTo("att-1-1");
        run.apply(event(completed(1, 1)));
        run.apply(event(verificationFailed(1, 1, false)));
        assertThat(run.criterion(1).phase()).isEqualTo(Phase.VERIFICATION_FAILED);
        assertThat(run.criterion(1).attemptId()).as("the failure of this check belongs to attempt 1")
                .isEqualTo("att-1-1");

        run.apply(event(failed(1, 1, Instant.now())));
        run.apply(event(retry(1, 2)));
        assertThat(run.criterion(1).attemptId()).as("attempt 2 has not started").isNull();
        run.apply(event(started(1, 2)));
        assertThat(run.criterion(1).attemptId()).isEqualTo("att-1-2");
    }

    @Test
    void aReRunAfterACrashIsTheCurrentAttempt() {
        TaskRun run = run(criterion(1, false));
        run.apply(event(started(1, 1)));
        run.apply(event(new io.taskstream.events.data.CriterionStarted(1, "criterion 1", 1, "rerun", "exec-2",
                List.of("echo 1"), "", false)));

        assertThat(run.criterion(1).attemptId()).isEqualTo("rerun");
    }

    @Test
    void aFinalFailureFailsTheCriterionAndBlocksItsDependants() {
        TaskRun run = run(criterion(1, false), criterion(2, false, 1), criterion(3, false));
        run.apply(event(started(1, 1)));
        run.apply(event(completed(1, 1)));
        run.apply(event(verificationFailed(1, 1, false)));
        assertThat(run.criterion(1).phase()).isEqualTo(Phase.VERIFICATION_FAILED);

        assertThat(run.apply(event(failed(1, 1, null)))).isTrue();

        assertThat(run.criterion(1).phase()).isEqualTo(Phase.FAILED);
        assertThat(numbers(run.blockedByNeeds())).containsExactly(2);
        assertThat(numbers(run.runnable())).containsExactly(3);
        assertThat(run.apply(event(retry(1, 2)))).as("no retry after a final failure").isFalse();
    }

    @Test
    void aCriterionIsRunnableOnlyOnceWhatItNeedsIsVerified() {
        TaskRun run = run(criterion(1, false), criterion(2, false, 1), criterion(3, true), criterion(4, false, 3));

        assertThat(numbers(run.runnable())).containsExactly(1, 4);
        run.apply(event(started(1, 1)));
        run.apply(event(completed(1, 1)));
        assertThat(numbers(run.runnable())).containsExactly(4);
        assertThat(run.blockedByNeeds()).isEmpty();
        run.apply(event(verified(1, 1)));
        assertThat(numbers(run.runnable())).containsExactly(2, 4);
    }

    @Test
    void oneUnverifiableCriterionNeedsAPerson() {
        TaskRun run = run(criterion(1, false), criterion(2, false));
        run.apply(event(verified(1, 1)));
        run.apply(event(started(2, 1)));
        run.apply(event(completed(2, 1)));

        assertThat(run.apply(event(verificationFailed(2, 1, true)))).isTrue();

        assertThat(run.criterion(2).phase()).isEqualTo(Phase.UNVERIFIABLE);
        assertThat(run.settled()).isTrue();
        assertThat(run.allDone()).isFalse();
        assertThat(run.needsHuman()).isTrue();
        assertThat(run.blockers()).containsExactly("criterion 2 (criterion 2): unverifiable: no verification");
    }

    @Test
    void aFailedCriterionIsNotForAPerson() {
        TaskRun run = run(criterion(1, false), manual(2));
        run.apply(event(skipped(2, SkipReason.NEEDS_HUMAN)));
        run.apply(event(failed(1, 1, null)));

        assertThat(run.settled()).isTrue();
        assertThat(run.allDone()).isFalse();
        assertThat(run.needsHuman()).isFalse();
        assertThat(run.blockers()).hasSize(2);
    }

    @Test
    void aManualCriterionSkippedAloneNeedsAPerson() {
        TaskRun run = run(criterion(1, true), manual(2));

        assertThat(run.apply(event(skipped(2, SkipReason.NEEDS_HUMAN)))).isTrue();

        assertThat(run.criterion(2).phase()).isEqualTo(Phase.SKIPPED);
        assertThat(run.settled()).isTrue();
        assertThat(run.needsHuman()).isTrue();
    }

    @Test
    void aTaskWithoutCriteriaIsNotDoneAndNeedsAPerson() {
        TaskRun run = run();

        assertThat(run.allDone()).isFalse();
        assertThat(run.needsHuman()).isTrue();
        assertThat(run.blockers()).containsExactly("the task has no acceptance criteria");
    }

    @Test
    void theCriteriaFilterSkipsWhatItDoesNotSelect() {
        var options = new ExecutionOptions(false, List.of(2), false);
        TaskRun run = new TaskRun(RUN, ready(TASK, options, criterion(1, false), criterion(2, false),
                criterion(3, true)), 0);

        assertThat(run.criterion(1).phase()).isEqualTo(Phase.SKIPPED);
        assertThat(run.criterion(1).detail()).isEqualTo("filtered out");
        assertThat(run.criterion(2).phase()).isEqualTo(Phase.PENDING);
        assertThat(run.criterion(3).phase()).isEqualTo(Phase.ALREADY_DONE);
        assertThat(numbers(run.runnable())).containsExactly(2);
    }

    static List<EventData> closingEvents() {
        return List.of(taskCompleted(), taskBlocked(), taskWithdrawn(), taskPlanned());
    }

    @ParameterizedTest
    @MethodSource("closingEvents")
    void theTasksEndClosesTheRunOnce(EventData end) {
        TaskRun run = run(criterion(1, false));

        assertThat(run.apply(event(end))).isTrue();
        assertThat(run.closed()).isTrue();
        assertThat(run.apply(event(end))).isFalse();
    }

    @Test
    void criterionEventsDoNotCloseTheRun() {
        TaskRun run = run(criterion(1, false));
        run.apply(event(started(1, 1)));
        run.apply(event(failed(1, 1, null)));

        assertThat(run.closed()).isFalse();
    }
}
