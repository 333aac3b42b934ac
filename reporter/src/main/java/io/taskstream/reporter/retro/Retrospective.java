package io.taskstream.reporter.retro;

import java.time.Instant;
import java.util.List;

/**
 * What the event log says across runs: where criteria and commands fail, which criteria are flaky, how long
 * verification takes by task type, which tasks stayed blocked longest, and the traps (a command that succeeded
 * whose independent check then failed). Computed from events only, so the same log always gives the same
 * retrospective whatever order its partitions were read in. Every list is ranked, worst first, and holds at most
 * the limit it was built with; {@link Overview} has the totals.
 */
public record Retrospective(Overview overview, List<RunRow> runs, List<FailingCriterion> mostFailingCriteria,
                            List<FailingCommand> mostFailingCommands, List<FlakyCriterion> flakyCriteria,
                            List<TypeTiming> timeToVerify, List<BlockedTask> blockedLongest, List<Trap> traps) {

    /**
     * @param events          distinct events folded (duplicates by event id left out)
     * @param attempts        criterion attempts started
     * @param commandFailures attempts whose commands failed (exit, timeout, not runnable, refused)
     * @param checkFailures   independent checks that failed (criteria without a check left out)
     * @param verified        criteria verified
     * @param traps           checks that failed after the attempt's commands succeeded
     * @param flaky           criteria that failed and then passed, within a run or in a later one
     */
    public record Overview(int runs, long events, Instant firstEvent, Instant lastEvent, int tasks,
                           long attempts, long commandFailures, long checkFailures, long verified, long traps,
                           int flaky) {
    }

    /** One run, in the order the runs started. */
    public record RunRow(String runId, Instant startedAt, Instant lastEventAt, int tasks, int completed,
                         int blocked, long attempts, long failures) {
    }

    /**
     * A criterion (task id and number, with its latest text) and its failures over every run.
     *
     * @param runsFailed runs in which it failed at least once
     */
    public record FailingCriterion(String taskId, int criterion, String text, long failures, long commandFailures,
                                   long checkFailures, int runs, int runsFailed, String lastReason) {
    }

    /**
     * The commands of an attempt (one line per step, joined by {@code " && "}) and how often they failed.
     *
     * @param criteria distinct criteria that ran them
     */
    public record FailingCommand(String command, long attempts, long failures, int criteria, String lastReason) {
    }

    /**
     * A criterion that failed and then passed.
     *
     * @param withinRun  runs in which it failed and was verified later in the same run
     * @param acrossRuns times a run in which it failed without being verified was followed by one that verified it
     */
    public record FlakyCriterion(String taskId, int criterion, String text, int withinRun, int acrossRuns,
                                 long failures, int runs) {
    }

    /**
     * Time to verify, by task type: from a criterion's first attempt starting to its verification in the same
     * run (retries and their back-off included).
     */
    public record TypeTiming(String taskType, long criteria, long meanMillis, long maxMillis) {
    }

    /**
     * A task's longest time blocked: from its block until it next appeared in a later run (ready, waiting,
     * completed or withdrawn), or until the last event of the log when it is still blocked.
     */
    public record BlockedTask(String taskId, String runId, Instant blockedAt, Instant until, boolean stillBlocked,
                              long blockedMillis, String reason) {
    }

    /** A criterion whose commands succeeded while its independent check failed, counted over every run. */
    public record Trap(String taskId, int criterion, String text, long count, int runs, String command,
                       String lastReason) {
    }
}
