package io.punctual.scheduler.engine;

import io.punctual.scheduler.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One store's time as this node sees it. A store with a clock of its own (a database) decides what is due by that
 * clock: the offset between it and this node's clock is measured at each heartbeat, so a node whose clock is off never
 * fires early nor judges another node by its own error. A store without one keeps the engine's clock exactly.
 */
final class StoreClock {

    private static final Logger log = LoggerFactory.getLogger(StoreClock.class);

    private final JobStore store;
    /** Whether the store's clock decides ({@code storeClock}); off, the engine's clock (a test's) owns time. */
    private final boolean measured;
    private final Clock clock;
    /**
     * What {@link #now} adds the offset to: the engine's clock, or, for a remote store whose time is the database's
     * when the engine's clock is the system clock in milliseconds, the system clock at full precision. The offset has a
     * sub-millisecond part, and on a clock of whole milliseconds "the store's clock reads the due time" came up to a
     * millisecond after it did (a fire on a database started 1.06 ms late at the median, S2).
     */
    private final Clock base;
    /** How workers wait, in real time, for an instant of the engine's clock (when {@link #base} is that clock). */
    private final WaitClock waitClock;
    private volatile Duration offset = Duration.ZERO;
    private volatile boolean known;

    StoreClock(JobStore store, boolean remote, Clock clock, boolean storeClock) {
        this.store = store;
        this.measured = storeClock;
        this.clock = clock;
        this.waitClock = new WaitClock(clock);
        this.base = remote && storeClock && waitClock.precise() ? Clock.system(clock.getZone()) : clock;
    }

    /** Now, by the store's clock. */
    Instant now() {
        Duration off = offset;
        return off.isZero() ? base.instant() : base.instant().plus(off); // zero for a store in this process: no copy
    }

    /** Nanoseconds, in real time, until the store's clock reads {@code storeTime}; zero or less when it does already. */
    long nanosUntil(Instant storeTime) {
        if (base == clock) {
            return waitClock.nanosUntil(toEngineTime(storeTime));
        }
        Instant now = now();
        return (storeTime.getEpochSecond() - now.getEpochSecond()) * 1_000_000_000L + (storeTime.getNano() - now.getNano());
    }

    /** An instant of the store's clock, on the engine's clock (to sleep until it). */
    Instant toEngineTime(Instant storeTime) {
        Duration off = offset;
        return off.isZero() ? storeTime : storeTime.minus(off);
    }

    /** Whether the offset was measured once at least (or needs none). */
    boolean known() {
        return known;
    }

    /**
     * The scheduler starts again after a stop: the offset is measured again before its first claim, as at its first
     * start (this node's clock may have been set, or the host suspended, meanwhile). Until then the old one serves.
     */
    void forget() {
        known = false;
    }

    /** Asks the store for its time and keeps the offset to it. */
    void measure() {
        if (!measured) {
            known = true;
            return;
        }
        Optional<Instant> storeTime = store.currentTime();
        Instant after = base.instant();
        if (storeTime.isEmpty()) {
            known = true;
            return;
        }
        // against the moment after the answer: the store's time is as of its return (what passed since the database
        // read its clock is added), so the estimate lags the store's clock by at most the answer's way back: this
        // node may start a fire that much late, never early
        Duration off = Duration.between(after, storeTime.get());
        if (off.minus(offset).abs().compareTo(Duration.ofSeconds(1)) > 0) {
            log.warn("Store '{}': this node's clock is {} off the store's; cluster decisions use the store's clock",
                    store.name(), off.negated());
        }
        offset = off;
        known = true;
    }
}
