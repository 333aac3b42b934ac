package io.taskstream.scanner.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The delivery ids seen recently, so that a delivery the git host sends again (a retry after a timeout, a
 * "redeliver" click) starts no second scan. Bounded: past {@code capacity} ids the least recently seen is forgotten.
 *
 * <p>The memory is per instance and lost on restart: with several webhook instances behind a load balancer, a
 * redelivery that reaches another instance is not recognised. That costs one extra scan, which is harmless (a scan
 * of an unchanged repo emits the same snapshot), so no shared store is used. An id is claimed before its scan is
 * requested, so a redelivery arriving meanwhile is a duplicate; when the request fails the id is forgotten again.
 */
final class Deliveries {
    /** Enough for hours of deliveries from a busy forge, at about 100 bytes each. */
    static final int DEFAULT_CAPACITY = 10_000;

    private final Map<String, Boolean> recent;

    Deliveries(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records {@code id}; {@code true} when it was not seen recently, {@code false} for a duplicate. */
    synchronized boolean claim(String id) {
        return recent.put(id, Boolean.TRUE) == null;
    }

    /** Forgets {@code id}, so that a redelivery is handled again: for a delivery whose scan could not be requested. */
    synchronized void forget(String id) {
        recent.remove(id);
    }

    synchronized int size() {
        return recent.size();
    }
}
