package io.taskstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * What {@code /proc} says about the child processes: CPU time (clock ticks, USER_HZ = 100) and peak resident set
 * size. A {@code taskstream} child is the java process itself (the script {@code exec}s java), so its pid is the JVM's.
 */
final class ProcStat {
    static final double TICKS_PER_SECOND = 100.0;

    private ProcStat() {
    }

    /**
     * utime + stime of the process, and cutime + cstime (its children that ended and were waited for: the commands
     * an executor or verifier ran); {0, 0} when the process is gone.
     */
    static long[] cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[]{Long.parseLong(f[11]) + Long.parseLong(f[12]),
                    Long.parseLong(f[13]) + Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return new long[]{0, 0};
        }
    }

    /** Own + children's CPU ticks of all the given processes. */
    static long cpuTicks(Collection<Child> children) {
        long sum = 0;
        for (Child c : children) {
            long[] t = cpuTicks(c.pid());
            sum += t[0] + t[1];
        }
        return sum;
    }

    /** This JVM's own + its waited-for children's CPU ticks (the short {@code taskstream scan} processes). */
    static long selfTicks() {
        long[] t = cpuTicks(ProcessHandle.current().pid());
        return t[0] + t[1];
    }

    /** Peak resident set size ({@code VmHWM}) in KiB, or -1 when it cannot be read. */
    static long vmHwmKib(long pid) {
        return statusKib(pid, "VmHWM:");
    }

    /** Resident set size now ({@code VmRSS}) in KiB, or -1. */
    static long vmRssKib(long pid) {
        return statusKib(pid, "VmRSS:");
    }

    /** The process's command line, NULs as spaces: to check it is the JVM that was measured. */
    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"))).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static long statusKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    /** Busy ticks of all cores (everything but idle and iowait). */
    static long machineBusyTicks() {
        return MachineLoad.machineBusy();
    }
}
