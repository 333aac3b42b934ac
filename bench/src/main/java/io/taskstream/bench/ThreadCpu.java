package io.taskstream.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * CPU time of this JVM's threads over a window, summed by role (broker, executor, bench). Threads that ended inside
 * the window (the executor's per-process output readers), JIT compiler and GC threads are not Java threads that
 * can be listed: their share is what the process total has beyond the sum.
 */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> start = cpuByThread();
    private final long compileStart = compileMillis();
    private final long gcStart = gcMillis();

    /** JIT compilation and GC pause time (elapsed, ms) since construction: part of what no live Java thread shows. */
    String jitAndGc() {
        return String.format(Locale.ROOT, "JIT compiling %d ms, GC %d ms", compileMillis() - compileStart,
                gcMillis() - gcStart);
    }

    private static long compileMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime()))
                .sum();
    }

    /** Role to CPU milliseconds since construction. */
    Map<String, Double> byRole() {
        Map<String, Double> roles = new TreeMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = THREADS.getThreadCpuTime(info.getThreadId());
            if (now < 0) {
                continue;
            }
            long used = now - start.getOrDefault(info.getThreadId(), 0L);
            roles.merge(role(info.getThreadName()), used / 1e6, Double::sum);
        }
        return roles;
    }

    static String format(Map<String, Double> roles, int criteria) {
        return roles.entrySet().stream().filter(e -> e.getValue() / criteria >= 0.05).sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / criteria))
                .collect(Collectors.joining(", "));
    }

    private static String role(String thread) {
        if (thread.startsWith("executor-") || thread.contains("| executor-")) {
            return "executor (poll, workers, retry, producer)";
        }
        if (thread.contains("| bench") || thread.equals("main")) {
            return "bench (publisher, observer)";
        }
        if (thread.startsWith("process reaper") || thread.startsWith("output-")) {
            return "process handling (reaper, output readers)";
        }
        if (thread.startsWith("vert.x-")) {
            return "vert.x";
        }
        if (thread.startsWith("data-plane-kafka") || thread.startsWith("kafka-") || thread.startsWith("quorum-")
                || thread.startsWith("broker-") || thread.startsWith("raft-") || thread.contains("controller")
                || thread.startsWith("ExpirationReaper") || thread.startsWith("group-coordinator")
                || thread.startsWith("transaction") || thread.startsWith("share-") || thread.contains("Log")) {
            return "broker";
        }
        return "other";
    }

    private static Map<Long, Long> cpuByThread() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            cpu.put(id, THREADS.getThreadCpuTime(id));
        }
        return cpu;
    }
}
