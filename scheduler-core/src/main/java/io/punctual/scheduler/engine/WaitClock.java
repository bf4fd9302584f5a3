package io.punctual.scheduler.engine;

import java.time.Clock;
import java.time.Instant;

/**
 * How long the engine and its workers wait, in real time, until an instant of the engine's clock.
 *
 * <p>The default clock is the system clock in whole milliseconds ({@code Clock.tickMillis}): what it reads is stored
 * and compared exactly by every database. Read to wait by, it lags real time by up to a millisecond, so a wait
 * computed from it ends that much after the instant it waits for: half a millisecond late on average, for every
 * fire. For that clock the wait is measured on the system clock at its full precision, until the millisecond of
 * the target begins (from then on the engine's clock reads the target or later). Any other clock (an offset one,
 * a test's {@code MutableClock}) is waited by as it reads.
 */
final class WaitClock {

    private final Clock clock;
    /** The system clock at full precision when {@link #clock} is that clock in milliseconds; else null. */
    private final Clock precise;

    WaitClock(Clock clock) {
        this(clock, clock.equals(Clock.tickMillis(clock.getZone())) ? Clock.system(clock.getZone()) : null);
    }

    /** @param precise what {@code clock} reads at full precision, or null to wait by {@code clock} as it reads */
    WaitClock(Clock clock, Clock precise) {
        this.clock = clock;
        this.precise = precise;
    }

    /** Whether waits are measured on the full-precision system clock (the engine's is that clock in milliseconds). */
    boolean precise() {
        return precise != null;
    }

    /** Nanoseconds from now until the engine's clock reads {@code target} or later; zero or less when it already does. */
    long nanosUntil(Instant target) {
        long seconds = target.getEpochSecond();
        long nanos = target.getNano();
        if (precise == null) {
            return nanosBetween(clock.instant(), seconds, nanos);
        }
        long millis = (nanos + 999_999) / 1_000_000; // the target's millisecond, or the next one when it falls inside one
        return nanosBetween(precise.instant(), seconds, millis * 1_000_000); // (computed without objects: called per fire)
    }

    private static long nanosBetween(Instant from, long toSeconds, long toNanos) {
        return (toSeconds - from.getEpochSecond()) * 1_000_000_000L + (toNanos - from.getNano());
    }
}
