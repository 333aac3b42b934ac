package io.taskstream.reporter.retro;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the fold keeps of one run: its tasks and their criteria. */
final class RunFacts {
    final String runId;
    long requestedAt = Long.MIN_VALUE;
    long firstEvent = Long.MAX_VALUE;
    long lastEvent = Long.MIN_VALUE;
    final Map<String, TaskFacts> tasks = new HashMap<>();

    RunFacts(String runId) {
        this.runId = runId;
    }

    /** The scan request's time, else the run's earliest event. */
    long startedAt() {
        return requestedAt != Long.MIN_VALUE ? requestedAt : firstEvent;
    }

    TaskFacts task(String taskId) {
        TaskFacts t = tasks.get(taskId);
        if (t == null) {
            t = new TaskFacts(taskId);
            tasks.put(taskId, t);
        }
        return t;
    }

    /** One task in one run. */
    static final class TaskFacts {
        final String taskId;
        String taskType;
        boolean completed;
        boolean blocked;
        final Map<Integer, CriterionFacts> criteria = new TreeMap<>();

        TaskFacts(String taskId) {
            this.taskId = taskId;
        }

        CriterionFacts criterion(int number, String text) {
            CriterionFacts c = criteria.get(number);
            if (c == null) {
                c = new CriterionFacts(number);
                criteria.put(number, c);
            }
            if (text != null) {
                c.text = text;
            }
            return c;
        }
    }

    /** One criterion in one run. */
    static final class CriterionFacts {
        final int number;
        String text;
        int attempts;
        int commandFailures;
        int checkFailures;
        int traps;
        boolean verified;
        long firstStart = Long.MIN_VALUE;
        long verifiedAt;
        /** The attempt whose commands last succeeded; 0 when none did. */
        int succeededAttempt;
        List<String> commands = List.of();
        String lastReason;
        String lastTrapReason;

        CriterionFacts(int number) {
            this.number = number;
        }

        int failures() {
            return commandFailures + checkFailures;
        }
    }
}
