package io.taskstream.reporter.retro;

/** An open-addressing set of longs without boxing; 0 is stored apart. Not thread-safe. */
final class LongSet {
    private long[] slots = new long[1 << 12];
    private int size;
    private boolean hasZero;

    /** @return whether {@code v} was not in the set */
    boolean add(long v) {
        if (v == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        if (!insert(slots, v)) {
            return false;
        }
        size++;
        return true;
    }

    private static boolean insert(long[] table, long v) {
        int mask = table.length - 1;
        int i = (int) (mix(v) & mask);
        while (table[i] != 0) {
            if (table[i] == v) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = v;
        return true;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long v : slots) {
            if (v != 0) {
                insert(bigger, v);
            }
        }
        slots = bigger;
    }

    private static long mix(long v) {
        v ^= v >>> 33;
        v *= 0xff51afd7ed558ccdL;
        v ^= v >>> 33;
        return v;
    }

    /** A 64-bit FNV-1a hash of the string's characters; allocates nothing. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
