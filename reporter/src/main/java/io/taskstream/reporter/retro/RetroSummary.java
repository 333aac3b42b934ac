package io.taskstream.reporter.retro;

import io.taskstream.reporter.retro.Retrospective.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns the fold's counters into the ranked lists of a {@link Retrospective}. */
final class RetroSummary {
    private final RetroFold fold;
    private final int limit;
    /** Runs by start time, then id: "later" in a criterion's history. */
    private final List<RunFacts> runs;
    private final Map<String, CriterionHistory> criteria = new TreeMap<>();
    private final Map<String, CommandTally> commands = new HashMap<>();
    private final Map<String, long[]> timings = new TreeMap<>();

    RetroSummary(RetroFold fold, int limit) {
        this.fold = fold;
        this.limit = limit;
        this.runs = fold.runs.values().stream()
                .sorted(Comparator.comparingLong(RunFacts::startedAt).thenComparing(r -> r.runId)).toList();
    }

    Retrospective build() {
        List<RunRow> rows = new ArrayList<>();
        Set<String> tasks = new HashSet<>();
        long attempts = 0, commandFailures = 0, checkFailures = 0, verified = 0, traps = 0;
        for (RunFacts run : runs) {
            int completed = 0, blocked = 0;
            long runAttempts = 0, runFailures = 0;
            for (RunFacts.TaskFacts task : sortedTasks(run)) {
                tasks.add(task.taskId);
                completed += task.completed ? 1 : 0;
                blocked += task.blocked ? 1 : 0;
                for (RunFacts.CriterionFacts c : task.criteria.values()) {
                    runAttempts += c.attempts;
                    runFailures += c.failures();
                    commandFailures += c.commandFailures;
                    checkFailures += c.checkFailures;
                    verified += c.verified ? 1 : 0;
                    traps += c.traps;
                    add(run, task, c);
                }
            }
            attempts += runAttempts;
            rows.add(new RunRow(run.runId, instant(run.startedAt()), instant(run.lastEvent), run.tasks.size(),
                    completed, blocked, runAttempts, runFailures));
        }
        List<FlakyCriterion> flaky = flaky();
        Overview overview = new Overview(runs.size(), fold.events, fold.events == 0 ? null : instant(fold.firstEvent),
                fold.events == 0 ? null : instant(fold.lastEvent), tasks.size(), attempts, commandFailures,
                checkFailures, verified, traps, flaky.size());
        return new Retrospective(overview, top(rows), failingCriteria(), failingCommands(), top(flaky), timings(),
                blockedLongest(), traps());
    }

    private static List<RunFacts.TaskFacts> sortedTasks(RunFacts run) {
        return run.tasks.values().stream().sorted(Comparator.comparing(t -> t.taskId)).toList();
    }

    private void add(RunFacts run, RunFacts.TaskFacts task, RunFacts.CriterionFacts c) {
        CriterionHistory h = criteria.computeIfAbsent(task.taskId + "\u0000" + c.number,
                k -> new CriterionHistory(task.taskId, c.number));
        h.add(c);
        if (c.attempts > 0) {
            String command = String.join(" && ", c.commands);
            CommandTally tally = commands.computeIfAbsent(command, CommandTally::new);
            tally.attempts += c.attempts;
            tally.failures += c.commandFailures;
            tally.criteria.add(h.key());
            if (c.commandFailures > 0 && c.lastReason != null) {
                tally.lastReason = c.lastReason;
            }
        }
        if (c.verified && c.firstStart != Long.MIN_VALUE) {
            long[] t = timings.computeIfAbsent(task.taskType == null || task.taskType.isBlank() ? "unknown"
                    : task.taskType, k -> new long[3]);
            long took = Math.max(0, c.verifiedAt - c.firstStart);
            t[0]++;
            t[1] += took;
            t[2] = Math.max(t[2], took);
        }
    }

    private List<FailingCriterion> failingCriteria() {
        return top(criteria.values().stream().filter(h -> h.failures() > 0)
                .sorted(Comparator.comparingLong(CriterionHistory::failures).reversed()
                        .thenComparing(Comparator.comparingInt((CriterionHistory h) -> h.runsFailed).reversed()))
                .map(h -> new FailingCriterion(h.taskId, h.number, h.text, h.failures(), h.commandFailures,
                        h.checkFailures, h.runs, h.runsFailed, h.lastReason))
                .toList());
    }

    private List<FailingCommand> failingCommands() {
        return top(commands.values().stream().filter(c -> c.failures > 0)
                .sorted(Comparator.comparingLong((CommandTally c) -> c.failures).reversed()
                        .thenComparing(Comparator.comparingLong((CommandTally c) -> c.attempts).reversed())
                        .thenComparing(c -> c.command))
                .map(c -> new FailingCommand(c.command, c.attempts, c.failures, c.criteria.size(), c.lastReason))
                .toList());
    }

    private List<FlakyCriterion> flaky() {
        return criteria.values().stream().filter(h -> h.withinRun + h.acrossRuns > 0)
                .sorted(Comparator.comparingInt((CriterionHistory h) -> h.withinRun + h.acrossRuns).reversed()
                        .thenComparing(Comparator.comparingLong(CriterionHistory::failures).reversed()))
                .map(h -> new FlakyCriterion(h.taskId, h.number, h.text, h.withinRun, h.acrossRuns, h.failures(),
                        h.runs))
                .toList();
    }

    private List<TypeTiming> timings() {
        return timings.entrySet().stream().map(e -> new TypeTiming(e.getKey(), e.getValue()[0],
                e.getValue()[1] / e.getValue()[0], e.getValue()[2])).toList();
    }

    private List<BlockedTask> blockedLongest() {
        List<BlockedTask> out = new ArrayList<>();
        for (RetroFold.BlockFacts b : fold.blocks.values()) {
            BlockedTask closed = b.longestRun == null ? null : new BlockedTask(b.taskId, b.longestRun,
                    instant(b.longestSince), instant(b.longestUntil), false, b.longestUntil - b.longestSince,
                    b.longestReason);
            BlockedTask open = b.openRun == null ? null : new BlockedTask(b.taskId, b.openRun, instant(b.openSince),
                    instant(fold.lastEvent), true, Math.max(0, fold.lastEvent - b.openSince), b.openReason);
            out.add(open == null || (closed != null && closed.blockedMillis() > open.blockedMillis()) ? closed : open);
        }
        return top(out.stream().sorted(Comparator.comparingLong(BlockedTask::blockedMillis).reversed()
                .thenComparing(BlockedTask::taskId)).toList());
    }

    private List<Trap> traps() {
        return top(criteria.values().stream().filter(h -> h.traps > 0)
                .sorted(Comparator.comparingLong((CriterionHistory h) -> h.traps).reversed())
                .map(h -> new Trap(h.taskId, h.number, h.text, h.traps, h.trapRuns, h.trapCommand, h.lastTrapReason))
                .toList());
    }

    private <T> List<T> top(List<T> all) {
        return all.size() <= limit ? all : List.copyOf(all.subList(0, limit));
    }

    private static Instant instant(long millis) {
        return Instant.ofEpochMilli(millis);
    }

    /** One criterion over the runs, fed in run order. */
    private static final class CriterionHistory {
        final String taskId;
        final int number;
        String text;
        long commandFailures;
        long checkFailures;
        int runs;
        int runsFailed;
        int withinRun;
        int acrossRuns;
        long traps;
        int trapRuns;
        String trapCommand;
        String lastReason;
        String lastTrapReason;
        /** The latest run so far ended with it failed and not verified. */
        boolean pendingFailure;

        CriterionHistory(String taskId, int number) {
            this.taskId = taskId;
            this.number = number;
        }

        String key() {
            return taskId + "#" + number;
        }

        long failures() {
            return commandFailures + checkFailures;
        }

        void add(RunFacts.CriterionFacts c) {
            text = c.text == null ? text : c.text;
            if (c.attempts == 0 && !c.verified && c.failures() == 0) {
                return;
            }
            runs++;
            commandFailures += c.commandFailures;
            checkFailures += c.checkFailures;
            if (c.lastReason != null) {
                lastReason = c.lastReason;
            }
            if (c.traps > 0) {
                traps += c.traps;
                trapRuns++;
                trapCommand = String.join(" && ", c.commands);
                lastTrapReason = c.lastTrapReason;
            }
            if (c.failures() > 0) {
                runsFailed++;
            }
            if (c.verified) {
                if (c.failures() > 0) {
                    withinRun++;
                } else if (pendingFailure) {
                    acrossRuns++;
                }
                pendingFailure = false;
            } else if (c.failures() > 0) {
                pendingFailure = true;
            }
        }
    }

    private static final class CommandTally {
        final String command;
        long attempts;
        long failures;
        final Set<String> criteria = new HashSet<>();
        String lastReason;

        CommandTally(String command) {
            this.command = command;
        }
    }
}
