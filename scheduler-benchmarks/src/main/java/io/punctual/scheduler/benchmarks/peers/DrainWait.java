package io.punctual.scheduler.benchmarks.peers;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The wait for a drain (S1): until every job has started, until the phase's budget is spent, or until no job has
 * started for {@link #STALL} (a stalled drain: in run 5, Quartz JDBC started 3,478 of 20,000 jobs in 24.5 s and none
 * in the 35.5 s left of its budget, its triggers past its misfire threshold). The same rule for every contender; a
 * drain that stops either way is rated on what it started ({@link Phase}).
 */
final class DrainWait {

    /** How long a drain may go without a single start before the runner stops waiting for it. */
    static final Duration STALL = Duration.ofSeconds(10);

    /** How a drain's wait ended. */
    enum End { ALL, BUDGET, STALL }

    private DrainWait() {
    }

    /**
     * Waits for {@code count} starts on {@code recorder}, from {@code startNanos} (the scheduler's {@code start()}),
     * for at most {@code budget}, and no longer than {@link #STALL} without a start.
     */
    static End await(Recorder recorder, long count, long startNanos, Duration budget) {
        while (true) {
            End end = end(recorder.fired(), count, System.nanoTime(), startNanos, recorder.lastStartNanos(), budget, STALL);
            if (end != null) {
                return end;
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    /**
     * The rule, on given clock readings: {@code null} while the wait goes on. The stall is counted from the last
     * start, or from {@code startNanos} while nothing has started ({@code lastStartNanos} is then meaningless).
     */
    static End end(long fired, long count, long nowNanos, long startNanos, long lastStartNanos, Duration budget, Duration stall) {
        if (fired >= count) {
            return End.ALL;
        }
        if (nowNanos - startNanos >= budget.toNanos()) {
            return End.BUDGET;
        }
        long since = fired == 0 || lastStartNanos - startNanos < 0 ? startNanos : lastStartNanos;
        return nowNanos - since >= stall.toNanos() ? End.STALL : null;
    }
}
