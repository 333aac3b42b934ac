package io.taskstream.launcher.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** A check's last verdict, asked again only once it is older than its time to live: probes come every few seconds. */
final class CachedVerdict {
    private final Clock clock;
    private final Duration ttl;
    private final Supplier<String> ask;
    private ReadinessCheck.Verdict last;

    /** @param ask the check itself: null when usable, else why not */
    CachedVerdict(Clock clock, Duration ttl, Supplier<String> ask) {
        this.clock = clock;
        this.ttl = ttl;
        this.ask = ask;
    }

    synchronized ReadinessCheck.Verdict get() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(last.at().plus(ttl))) {
            last = new ReadinessCheck.Verdict(ask.get(), now);
        }
        return last;
    }
}
