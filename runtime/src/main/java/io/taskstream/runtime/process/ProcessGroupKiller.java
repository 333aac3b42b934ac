package io.taskstream.runtime.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Kills what is left of a command: every process in the group its shell leads (background children, and daemons that
 * double-forked away from the shell but stayed in its group) and everything descended from those.
 *
 * <p>Where procfs is mounted the members are found in it and signalled one by one, so that cleaning up costs one
 * scan of the process table rather than starting a {@code kill} process next to each command; elsewhere that
 * {@code kill} process is the fallback.
 */
final class ProcessGroupKiller {
    /** How long to keep finding processes forked while their group was being killed. */
    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path procRoot;
    private final List<String> fallbackKill;

    /**
     * @param procRoot     where procfs is mounted
     * @param fallbackKill the command, without its last argument {@code -PGID}, that kills a group when procfs is not there
     */
    ProcessGroupKiller(Path procRoot, List<String> fallbackKill) {
        this.procRoot = procRoot;
        this.fallbackKill = List.copyOf(fallbackKill);
    }

    static ProcessGroupKiller standard() {
        return new ProcessGroupKiller(Path.of("/proc"), List.of("kill", "-KILL", "--"));
    }

    /** Kills the group that {@code leader} leads, the leader itself, and their descendants. */
    void kill(Process leader) {
        if (!killByProcTable(leader.pid())) {
            killByCommand(leader);
        }
        // Through its handle: Process.destroyForcibly would also close the output the caller may still be reading.
        leader.toHandle().destroyForcibly();
    }

    /** @return false when the process table cannot be read */
    private boolean killByProcTable(long pgid) {
        Set<Signalled> signalled = new HashSet<>();
        long deadline = System.nanoTime() + BOUND_NANOS;
        do {
            Optional<List<ProcStat>> table = ProcStat.scan(procRoot);
            if (table.isEmpty()) {
                return false;
            }
            List<ProcStat> targets = targets(table.get(), pgid, signalled);
            if (targets.isEmpty()) {
                return true;
            }
            for (ProcStat t : targets) {
                ProcessHandle.of(t.pid()).ifPresent(ProcessHandle::destroyForcibly);
                signalled.add(new Signalled(t.pid(), t.startTicks()));
            }
            // A process that has been sent SIGKILL forks no more, but what it forked before is only seen by another scan.
        } while (System.nanoTime() - deadline < 0);
        return true;
    }

    /** The live members of the group and their live descendants, except those already signalled. */
    static List<ProcStat> targets(List<ProcStat> table, long pgid, Set<Signalled> signalled) {
        Map<Long, List<ProcStat>> children = new HashMap<>();
        Deque<ProcStat> pending = new ArrayDeque<>();
        for (ProcStat p : table) {
            if (p.alive()) {
                children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p);
                if (p.pgrp() == pgid) {
                    pending.add(p);
                }
            }
        }
        Set<Long> seen = new HashSet<>();
        List<ProcStat> targets = new ArrayList<>();
        while (!pending.isEmpty()) {
            ProcStat p = pending.poll();
            if (seen.add(p.pid())) {
                if (!signalled.contains(new Signalled(p.pid(), p.startTicks()))) {
                    targets.add(p);
                }
                pending.addAll(children.getOrDefault(p.pid(), List.of()));
            }
        }
        return targets;
    }

    private void killByCommand(Process leader) {
        List<ProcessHandle> tree = leader.descendants().toList();
        List<String> command = new ArrayList<>(fallbackKill);
        command.add("-" + leader.pid());
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // fall through to per-process kills
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    /** One process that was sent SIGKILL; the start time tells it from a later process given the same pid. */
    record Signalled(long pid, long startTicks) {
    }
}
