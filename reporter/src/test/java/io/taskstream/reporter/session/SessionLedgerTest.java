package io.taskstream.reporter.session;

import io.taskstream.events.data.ExecutionOptions;
import io.taskstream.events.data.PlannedCriterion;
import io.taskstream.events.data.TaskSnapshot;
import io.taskstream.events.envelope.Envelope;
import io.taskstream.reporter.Events;
import io.taskstream.reporter.SampleRun;
import io.taskstream.runtime.progress.Phase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.taskstream.reporter.Events.criterion;
import static io.taskstream.reporter.Events.task;
import static org.assertj.core.api.Assertions.assertThat;

class SessionLedgerTest {
    private static final TaskSnapshot A = task("TASK-A", "A", "high", "build", List.of(), criterion(1, "a"));
    private static final TaskSnapshot B = task("TASK-B", "B", "high", "build", List.of(), criterion(1, "b"));
    private static final TaskSnapshot W = task("TASK-W", "W", "medium", "deployment", List.of("TASK-A"), criterion(1, "w"));
    private static final TaskSnapshot V = task("TASK-V", "V", "low", "deployment", List.of("TASK-W"), criterion(1, "v"));

    private final Events e = new Events("run-1");
    private final SessionLedger ledger = new SessionLedger();

    private void apply(Envelope<?>... events) {
        for (Envelope<?> ev : events) {
            ledger.apply(ev);
        }
    }

    private void apply(List<Envelope<?>> events) {
        events.forEach(ledger::apply);
    }

    @Test
    void aRunIsNotFinishedBeforeItsScanCompleted() {
        apply(e.scanRequested(0), e.ready(1, A, 1));
        apply(e.runsAndCompletes(2, A));

        assertThat(ledger.finished("run-1")).isFalse();

        apply(e.scanCompleted(10, List.of("TASK-A"), List.of(), List.of(), List.of()));
        assertThat(ledger.finished("run-1")).isTrue();
    }

    @Test
    void aReadyTaskKeepsTheRunOpenUntilItCompletesOrIsBlocked() {
        apply(e.ready(1, A, 1), e.ready(1, B, 2), e.scanCompleted(2, List.of("TASK-A", "TASK-B"), List.of(), List.of(), List.of()));
        apply(e.runsAndCompletes(3, A));
        assertThat(ledger.finished("run-1")).isFalse();

        apply(e.blocked(10, B, "criterion 1 failed", List.of("criterion 1 (b): failed"), null));
        assertThat(ledger.finished("run-1")).isTrue();
    }

    @Test
    void aWaitingTaskWhoseDependenciesCompletedIsAboutToBeReleasedSoTheRunIsNotFinished() {
        apply(e.ready(1, A, 1), e.waiting(1, W, "TASK-A"),
                e.scanCompleted(2, List.of("TASK-A"), List.of("TASK-W"), List.of(), List.of()));
        apply(e.runsAndCompletes(3, A));

        assertThat(ledger.finished("run-1")).as("released but not yet ready").isFalse();

        apply(e.ready(10, W, 2));
        assertThat(ledger.finished("run-1")).as("released and running").isFalse();

        apply(e.runsAndCompletes(11, W));
        assertThat(ledger.finished("run-1")).isTrue();
    }

    @Test
    void aWaitingTaskWhoseDependencyIsBlockedIsTerminal() {
        apply(e.ready(1, A, 1), e.waiting(1, W, "TASK-A"),
                e.scanCompleted(2, List.of("TASK-A"), List.of("TASK-W"), List.of(), List.of()));
        assertThat(ledger.finished("run-1")).as("TASK-A still running").isFalse();

        apply(e.blocked(5, A, "needs a person", List.of(), null));

        assertThat(ledger.finished("run-1")).isTrue();
        assertThat(ledger.run("run-1").orElseThrow().heldBack("TASK-W")).isTrue();
    }

    @Test
    void aWaitingTaskIsTerminalWhenItsDependencyIsInvalidOrNotInTheRun() {
        TaskSnapshot onInvalid = task("TASK-X", "X", "low", "general", List.of("TASK-7"), criterion(1, "x"));
        TaskSnapshot onMissing = task("TASK-Y", "Y", "low", "general", List.of("TASK-99"), criterion(1, "y"));
        apply(e.waiting(1, onInvalid, "TASK-7"), e.waiting(1, onMissing, "TASK-99"),
                e.scanCompleted(2, List.of(), List.of("TASK-X", "TASK-Y"), List.of("tasks/active/TASK-7.md"), List.of()));

        assertThat(ledger.finished("run-1")).isTrue();
    }

    @Test
    void waitingOnAHeldBackTaskIsTerminalTransitively() {
        apply(e.ready(1, A, 1), e.waiting(1, W, "TASK-A"), e.waiting(1, V, "TASK-W"),
                e.scanCompleted(2, List.of("TASK-A"), List.of("TASK-W", "TASK-V"), List.of(), List.of()));
        assertThat(ledger.finished("run-1")).isFalse();

        apply(e.blocked(5, A, "criterion 1 failed", List.of(), null));

        RunLedger run = ledger.run("run-1").orElseThrow();
        assertThat(run.heldBack("TASK-V")).isTrue();
        assertThat(ledger.finished("run-1")).isTrue();
    }

    @Test
    void aWaitingTaskWhoseWaitingEventIsNotReadYetKeepsTheRunOpen() {
        apply(e.ready(1, A, 1), e.scanCompleted(2, List.of("TASK-A"), List.of("TASK-W"), List.of(), List.of()));
        apply(e.blocked(5, A, "x", List.of(), null));

        assertThat(ledger.finished("run-1")).isFalse();
    }

    @Test
    void aTaskWithdrawnAfterItWasReadyIsTerminal() {
        apply(e.ready(1, A, 1), e.ready(1, B, 2), e.scanCompleted(2, List.of("TASK-A", "TASK-B"), List.of(), List.of(), List.of()));
        apply(e.runsAndCompletes(3, A));
        assertThat(ledger.finished("run-1")).isFalse();

        apply(e.withdrawn(4, "TASK-B", "already in progress in run 20261122-0815-9c1d"));

        assertThat(ledger.finished("run-1")).isTrue();
        TaskLedger b = ledger.run("run-1").orElseThrow().task("TASK-B").orElseThrow();
        assertThat(b.terminal()).isTrue();
        assertThat(b.processed()).isTrue();
        assertThat(b.run().closed()).isTrue();
        assertThat(b.withdrawn().reason()).isEqualTo("already in progress in run 20261122-0815-9c1d");
        assertThat(b.endedAt()).isEqualTo(Events.T0.plusSeconds(4));
    }

    @Test
    void aTaskTheScanListsAsWithdrawnKeepsTheRunOpenUntilItsWithdrawalIsRead() {
        apply(e.incrementalScanCompleted(2, List.of(), List.of(), List.of(), List.of("TASK-D")));
        assertThat(ledger.finished("run-1")).as("task.withdrawn not read yet").isFalse();

        apply(e.withdrawn(1, "TASK-D", "deleted from the task repo"));

        RunLedger run = ledger.run("run-1").orElseThrow();
        assertThat(run.finished()).isTrue();
        assertThat(run.population()).containsExactly("TASK-D");
        assertThat(run.task("TASK-D").orElseThrow().snapshot()).isNull();
    }

    @Test
    void aWaitingTaskWhoseDependencyWasWithdrawnIsHeldBack() {
        apply(e.ready(1, A, 1), e.waiting(1, W, "TASK-A"),
                e.scanCompleted(2, List.of("TASK-A"), List.of("TASK-W"), List.of(), List.of()));
        assertThat(ledger.finished("run-1")).isFalse();

        apply(e.withdrawn(5, "TASK-A", "already in progress in run 20261122-0815-9c1d"));

        assertThat(ledger.run("run-1").orElseThrow().heldBack("TASK-W")).isTrue();
        assertThat(ledger.finished("run-1")).isTrue();
    }

    @Test
    void aDependencyTheScanListsAsWithdrawnHoldsItsDependantsBackUnlessItIsCompleted() {
        apply(e.waiting(1, W, "TASK-A"), e.withdrawn(1, "TASK-A", "deleted from the task repo"),
                e.incrementalScanCompleted(2, List.of(), List.of("TASK-W"), List.of(), List.of("TASK-A")));
        assertThat(ledger.run("run-1").orElseThrow().heldBack("TASK-W")).isTrue();
        assertThat(ledger.finished("run-1")).isTrue();

        Events other = new Events("run-2");
        apply(other.waiting(1, W, "TASK-A"), other.withdrawn(1, "TASK-A", "moved to tasks/completed/TASK-A.md by hand"),
                other.incrementalScanCompleted(2, List.of(), List.of("TASK-W"), List.of("TASK-A"), List.of("TASK-A")));
        assertThat(ledger.run("run-2").orElseThrow().heldBack("TASK-W")).as("about to be released").isFalse();
        assertThat(ledger.finished("run-2")).isFalse();
    }

    @Test
    void aDependencyCycleDoesNotKeepTheRunOpenForever() {
        TaskSnapshot p = task("TASK-P", "P", "low", "general", List.of("TASK-Q"), criterion(1, "p"));
        TaskSnapshot q = task("TASK-Q", "Q", "low", "general", List.of("TASK-P"), criterion(1, "q"));
        apply(e.waiting(1, p, "TASK-Q"), e.waiting(1, q, "TASK-P"),
                e.scanCompleted(2, List.of(), List.of("TASK-P", "TASK-Q"), List.of(), List.of()));

        assertThat(ledger.finished("run-1")).isTrue();
    }

    @Test
    void aSharedDependencyReachedTwiceIsNotMistakenForACycle() {
        TaskSnapshot left = task("TASK-L", "L", "low", "general", List.of("TASK-A"), criterion(1, "l"));
        TaskSnapshot right = task("TASK-R", "R", "low", "general", List.of("TASK-A"), criterion(1, "r"));
        TaskSnapshot top = task("TASK-T", "T", "low", "general", List.of("TASK-L", "TASK-R"), criterion(1, "t"));
        apply(e.ready(1, A, 1), e.waiting(1, left, "TASK-A"), e.waiting(1, right, "TASK-A"),
                e.waiting(1, top, "TASK-L", "TASK-R"),
                e.scanCompleted(2, List.of("TASK-A"), List.of("TASK-L", "TASK-R", "TASK-T"), List.of(), List.of()));

        assertThat(ledger.finished("run-1")).as("TASK-A is still running").isFalse();
    }

    @Test
    void eventsOfOneTaskStampedWithTheSameInstantKeepTheirLogOrderInTheTimeline() {
        Envelope<?> first = e.ready(1, A, 1);
        Envelope<?> second = e.started(1, "TASK-A", A.criteria().get(0), 1);
        // ids that sort the other way round than the log
        apply(new Envelope<>("z-ready", first.type(), first.source(), first.subject(), first.time(), "run-1", first.data()),
                new Envelope<>("a-started", second.type(), second.source(), second.subject(), second.time(), "run-1",
                        second.data()));

        assertThat(ledger.run("run-1").orElseThrow().timeline()).extracting(TimelineEntry::event)
                .containsExactly("task.ready", "criterion.started");
    }

    @Test
    void duplicatedEventsAreIgnored() {
        List<Envelope<?>> events = SampleRun.events();
        apply(events);
        RunLedger run = ledger.run(SampleRun.RUN_ID).orElseThrow();
        long revision = run.revision();
        int timeline = run.timeline().size();

        for (Envelope<?> ev : events) {
            assertThat(ledger.apply(ev)).isFalse();
        }

        assertThat(run.revision()).isEqualTo(revision);
        assertThat(run.timeline()).hasSize(timeline);
        assertThat(run.task("TASK-002").orElseThrow().stats(2).attempts()).isEqualTo(2);
    }

    @Test
    void theSampleRunIsFoldedPerRunAndTask() {
        apply(SampleRun.events());
        apply(new Events("run-2").scanRequested(500));

        assertThat(ledger.runIds()).containsExactly(SampleRun.RUN_ID, "run-2");
        assertThat(ledger.finished(SampleRun.RUN_ID)).isTrue();
        assertThat(ledger.finished("run-2")).isFalse();

        RunLedger run = ledger.run(SampleRun.RUN_ID).orElseThrow();
        assertThat(run.request().trigger()).isEqualTo("cli");
        assertThat(run.invalidFiles()).extracting(InvalidFile::location).containsExactly("tasks/active/TASK-007.md:9");
        TaskLedger blocked = run.task("TASK-002").orElseThrow();
        assertThat(blocked.run().criterion(2).phase()).isEqualTo(Phase.FAILED);
        assertThat(blocked.stats(2).retries()).isEqualTo(1);
        assertThat(blocked.stats(2).verificationFailures()).isEqualTo(2);
        assertThat(blocked.blocked().reason()).isEqualTo(SampleRun.BLOCK_REASON);
        assertThat(run.task("TASK-003").orElseThrow().completed()).isNotNull();
        assertThat(run.heldBack("TASK-004")).isTrue();
        assertThat(run.commits()).extracting(GitCommit::taskId)
                .containsExactly("TASK-001", "TASK-001", "TASK-003", "TASK-003", "TASK-002", "TASK-002");
    }

    @Test
    void theOrderPartitionsAreReadInDoesNotChangeWhatTheRunLooksLike() {
        List<Envelope<?>> events = SampleRun.events();
        apply(events);
        SessionLedger reversedTasks = new SessionLedger();
        // Each task's events stay in order; the tasks are read one after the other, last task first.
        List<String> subjects = new ArrayList<>(events.stream().map(Envelope::subject).distinct().toList());
        Collections.reverse(subjects);
        subjects.forEach(subject ->
                events.stream().filter(ev -> ev.subject().equals(subject)).forEach(reversedTasks::apply));

        RunLedger a = ledger.run(SampleRun.RUN_ID).orElseThrow();
        RunLedger b = reversedTasks.run(SampleRun.RUN_ID).orElseThrow();
        assertThat(b.timeline()).isEqualTo(a.timeline());
        assertThat(b.commits()).isEqualTo(a.commits());
        assertThat(b.finished()).isTrue();
    }

    @Test
    void aDryRunIsFinishedOnceEveryReadyTaskIsPlannedAndTasksWaitingOnAPlannedOneAreHeldBack() {
        ExecutionOptions dryRun = new ExecutionOptions(true, List.of(), false);
        apply(e.scanRequested(0, dryRun), e.ready(1, A, 1, dryRun), e.ready(1, B, 2, dryRun),
                e.waiting(1, W, "TASK-A"), e.waiting(1, V, "TASK-W"),
                e.scanCompleted(2, List.of("TASK-A", "TASK-B"), List.of("TASK-W", "TASK-V"), List.of(), List.of()));
        RunLedger run = ledger.run("run-1").orElseThrow();
        assertThat(run.heldBack("TASK-W")).as("TASK-A may still complete").isFalse();
        assertThat(ledger.finished("run-1")).isFalse();

        apply(e.planned(3, A, dryRun));
        assertThat(run.task("TASK-A").orElseThrow().terminal()).isTrue();
        assertThat(run.heldBack("TASK-W")).as("a planned dependency never completes in a dry run").isTrue();
        assertThat(run.heldBack("TASK-V")).as("transitively").isTrue();
        assertThat(ledger.finished("run-1")).as("TASK-B not planned yet").isFalse();

        apply(e.planned(4, B, dryRun));
        assertThat(ledger.finished("run-1")).isTrue();
        TaskLedger a = run.task("TASK-A").orElseThrow();
        assertThat(a.planned().criteria()).extracting(PlannedCriterion::plan).containsExactly("run");
        assertThat(a.completed()).isNull();
        assertThat(a.endedAt()).isEqualTo(Events.T0.plusSeconds(3));
        assertThat(a.run().closed()).isTrue();
        assertThat(run.commits()).isEmpty();
        assertThat(run.timeline()).extracting(TimelineEntry::text)
                .contains("scan requested by cli (dry run)", "planned: 1 criterion would run");
    }

    @Test
    void aPlannedTaskStaysPlannedWhateverComesAfter() {
        ExecutionOptions dryRun = new ExecutionOptions(true, List.of(), false);
        apply(e.ready(1, A, 1, dryRun), e.scanCompleted(2, List.of("TASK-A"), List.of(), List.of(), List.of()),
                e.planned(3, A, dryRun), e.blocked(4, A, "late", List.of(), null));

        TaskLedger a = ledger.run("run-1").orElseThrow().task("TASK-A").orElseThrow();
        assertThat(a.planned()).isNotNull();
        assertThat(a.blocked()).isNull();
        assertThat(ledger.finished("run-1")).isTrue();
    }
}
