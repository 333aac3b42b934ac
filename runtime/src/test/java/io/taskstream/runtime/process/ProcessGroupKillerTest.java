package io.taskstream.runtime.process;

import io.taskstream.runtime.process.ProcessGroupKiller.Signalled;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessGroupKillerTest {
    private static final long GROUP = 100;

    private static ProcStat proc(long pid, char state, long ppid, long pgrp) {
        return new ProcStat(pid, state, ppid, pgrp, pid * 10);
    }

    private static List<Long> pids(List<ProcStat> targets) {
        return targets.stream().map(ProcStat::pid).toList();
    }

    @Test
    void targetsTheGroupsLiveMembersAndTheirDescendantsInOtherGroups() {
        List<ProcStat> table = List.of(
                proc(1, 'S', 0, 1),
                proc(100, 'S', 50, GROUP),       // the shell
                proc(101, 'S', 100, GROUP),      // its background child
                proc(102, 'S', 1, GROUP),        // a daemon reparented to init, still in the group
                proc(103, 'S', 102, 103),        // what the daemon started in a group of its own
                proc(104, 'Z', 1, GROUP),        // already dead, not yet reaped
                proc(200, 'R', 1, 200),          // someone else's
                proc(201, 'S', 200, 200));

        assertThat(pids(ProcessGroupKiller.targets(table, GROUP, Set.of()))).containsExactlyInAnyOrder(100L, 101L, 102L, 103L);
    }

    @Test
    void skipsWhatWasSignalledButStillFollowsItsChildren() {
        List<ProcStat> table = List.of(proc(101, 'S', 1, GROUP), proc(105, 'S', 101, GROUP), proc(106, 'S', 101, 106));

        Set<Signalled> signalled = Set.of(new Signalled(101, 1010), new Signalled(105, 1050));

        assertThat(pids(ProcessGroupKiller.targets(table, GROUP, signalled))).containsExactly(106L);
    }

    @Test
    void aReusedPidIsNotTakenForTheProcessThatWasSignalled() {
        List<ProcStat> table = List.of(proc(101, 'S', 1, GROUP));

        assertThat(pids(ProcessGroupKiller.targets(table, GROUP, Set.of(new Signalled(101, 7))))).containsExactly(101L);
    }

    @Test
    void anEmptyGroupHasNoTargets() {
        assertThat(ProcessGroupKiller.targets(List.of(proc(1, 'S', 0, 1), proc(104, 'Z', 1, GROUP)), GROUP, Set.of())).isEmpty();
    }
}
