package io.taskstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How busy the cores were while a bench ran: this JVM, the processes it started (the executor's {@code bash -c}),
 * and everything else apart, since the machine is shared and other processes' CPU shows up in wall times.
 * Read from {@code /proc/stat} and {@code /proc/self/stat} in clock ticks (USER_HZ, 100 on Linux).
 */
final class MachineLoad {
    private static final double TICKS_PER_SECOND = 100.0;

    private final long start = System.nanoTime();
    private final long machineStart = machineBusy();
    private final long[] selfStart = self();

    /** CPU seconds since the start: this JVM's own threads, and its children that have exited. */
    double[] cpuSeconds() {
        long[] now = self();
        return new double[]{(now[0] - selfStart[0]) / TICKS_PER_SECOND, (now[1] - selfStart[1]) / TICKS_PER_SECOND};
    }

    /** e.g. "cores busy: this JVM 0.95, its child processes 0.40, other processes 0.10 (of 2); load average ...". */
    String summary() {
        double seconds = (System.nanoTime() - start) / 1e9;
        double busy = (machineBusy() - machineStart) / TICKS_PER_SECOND / seconds;
        double[] cpu = cpuSeconds();
        double jvm = cpu[0] / seconds;
        double children = cpu[1] / seconds;
        return String.format(Locale.ROOT, "cores busy over %.0f s: this JVM %.2f, its child processes %.2f, other "
                        + "processes %.2f (of %d); load average %s", seconds, jvm, children,
                Math.max(0, busy - jvm - children), Runtime.getRuntime().availableProcessors(), Host.loadAverage());
    }

    /** Busy ticks of all cores: everything but idle and iowait. */
    static long machineBusy() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** utime + stime, and cutime + cstime (fields 14 to 17 of /proc/self/stat). */
    private static long[] self() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[]{Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return new long[]{0, 0};
        }
    }
}
