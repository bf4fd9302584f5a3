package io.punctual.scheduler.policy;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** The wait before a retry: {@code backoff * 2^(failedAttempt - 1)}, plus up to 10 % random jitter. */
public final class RetryBackoff {

    private RetryBackoff() {
    }

    /**
     * @param backoff       the wait before the first retry
     * @param failedAttempt the attempt that just failed, 1 for the first
     * @param random        source of the jitter
     */
    public static Duration delay(Duration backoff, int failedAttempt, RandomGenerator random) {
        int doublings = Math.min(Math.max(failedAttempt - 1, 0), 30);
        long base = saturatedMultiply(backoff.toMillis(), 1L << doublings);
        long jitter = (long) (base * 0.1 * random.nextDouble());
        return Duration.ofMillis(base + jitter);
    }

    /** Whether a run that failed on {@code attempt} gets another one with {@code retries} extra attempts. */
    public static boolean hasAttemptsLeft(int attempt, int retries) {
        return attempt <= retries;
    }

    private static long saturatedMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return (hi == 0 && lo >= 0) ? lo : Long.MAX_VALUE / 2;
    }
}
