package io.taskstream.runtime.process;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fields of one {@code /proc/<pid>/stat} line that process-group cleanup needs.
 *
 * @param state      one letter: R, S, D, Z (zombie), X (dead), ...
 * @param startTicks when it started, in clock ticks since boot: with the pid, it names one process even if the pid is reused
 */
record ProcStat(long pid, char state, long ppid, long pgrp, long startTicks) {
    private static final int STARTTIME_FIELD = 22;

    /** Neither a zombie nor dead: a signal still means something to it. */
    boolean alive() {
        return state != 'Z' && state != 'X';
    }

    /**
     * Every process in the table but this one, which is in no command's group.
     *
     * @return empty when the table cannot be listed or does not show this process (no procfs, or another pid namespace's)
     */
    static Optional<List<ProcStat>> scan(Path procRoot) {
        File root = procRoot.toFile();
        String[] names = root.list();
        if (names == null) {
            return Optional.empty();
        }
        String self = Long.toString(ProcessHandle.current().pid());
        boolean sawSelf = false;
        List<ProcStat> table = new ArrayList<>(names.length);
        byte[] buf = new byte[4096];
        for (String name : names) {
            if (name.equals(self)) {
                sawSelf = true;
            } else if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
                read(new File(root, name + "/stat"), buf).ifPresent(table::add);
            }
        }
        return sawSelf ? Optional.of(table) : Optional.empty();
    }

    private static Optional<ProcStat> read(File stat, byte[] buf) {
        try (InputStream in = new FileInputStream(stat)) {
            int length = 0;
            int n;
            while (length < buf.length && (n = in.read(buf, length, buf.length - length)) > 0) {
                length += n;
            }
            return parse(buf, length);
        } catch (IOException e) {
            return Optional.empty(); // it exited between the listing and the read
        }
    }

    /** Parses {@code pid (comm) state ppid pgrp ...}; comm may hold spaces and parentheses, so fields count from its last ')'. */
    static Optional<ProcStat> parse(byte[] line, int length) {
        int firstSpace = 0;
        while (firstSpace < length && line[firstSpace] != ' ') {
            firstSpace++;
        }
        int close = length - 1;
        while (close > firstSpace && line[close] != ')') {
            close--;
        }
        if (close <= firstSpace || close + 2 >= length) {
            return Optional.empty();
        }
        long pid = number(line, 0, firstSpace);
        char state = (char) line[close + 2];
        long ppid = -1;
        long pgrp = -1;
        long start = -1;
        int field = 3;
        int from = close + 2;
        for (int i = from; i <= length && field <= STARTTIME_FIELD; i++) {
            if (i == length || line[i] == ' ' || line[i] == '\n') {
                switch (field) {
                    case 4 -> ppid = number(line, from, i);
                    case 5 -> pgrp = number(line, from, i);
                    case STARTTIME_FIELD -> start = number(line, from, i);
                    default -> { }
                }
                field++;
                from = i + 1;
            }
        }
        if (pid < 0 || ppid < 0 || pgrp < 0 || start < 0) {
            return Optional.empty();
        }
        return Optional.of(new ProcStat(pid, state, ppid, pgrp, start));
    }

    /** The decimal number in {@code line[from, to)}, or -1 if it is not one. */
    private static long number(byte[] line, int from, int to) {
        if (from >= to) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            if (line[i] < '0' || line[i] > '9') {
                return -1;
            }
            value = value * 10 + (line[i] - '0');
        }
        return value;
    }
}
