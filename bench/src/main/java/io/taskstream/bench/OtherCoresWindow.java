package io.taskstream.bench;

import java.util.List;

/** CPU used by other processes while children ran: machine busy - this JVM (and its waited children) - them. */
final class OtherCoresWindow {
    private final long start = System.nanoTime();
    private final long busy = ProcStat.machineBusyTicks();
    private final long self = ProcStat.selfTicks();

    double otherCores(List<Child> children) {
        double seconds = (System.nanoTime() - start) / 1e9;
        long others = ProcStat.machineBusyTicks() - busy - (ProcStat.selfTicks() - self)
                - ProcStat.cpuTicks(children);
        return Math.max(0, others / ProcStat.TICKS_PER_SECOND / seconds);
    }
}
