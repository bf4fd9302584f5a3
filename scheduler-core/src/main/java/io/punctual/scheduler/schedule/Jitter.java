package io.punctual.scheduler.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * Deterministic jitter: the offset of a fire is a hash of the job id and the fire's nominal time, spread
 * uniformly over {@code [0, max]}. Every node computes the same offset, so a cluster agrees on due times,
 * and tests are repeatable.
 */
public final class Jitter {

    private Jitter() {
    }

    /** The offset in {@code [0, max]} for this job's fire due (before jitter) at {@code nominal}. */
    public static Duration offset(String jobId, Instant nominal, Duration max) {
        if (max == null || max.isZero() || max.isNegative()) {
            return Duration.ZERO;
        }
        long h = mix(jobId.hashCode() * 0x9E3779B97F4A7C15L ^ nominal.getEpochSecond() * 0xC2B2AE3D27D4EB4FL ^ nominal.getNano());
        long maxMillis = max.toMillis();
        return Duration.ofMillis(Math.floorMod(h, maxMillis + 1));
    }

    /** The due time of a fire whose nominal time is {@code nominal}. */
    public static Instant apply(String jobId, Instant nominal, Duration max) {
        return nominal.plus(offset(jobId, nominal, max));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
