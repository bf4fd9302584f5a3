package io.punctual.scheduler.benchmarks.peers;

import java.time.Instant;

/**
 * One scheduler under test, driven through its own public API. {@link #open} builds it without firing anything
 * (jobs scheduled before {@link #start} wait), {@link #close} stops it. Its job is a no-op that tells the
 * {@link Recorder} it started. Every contender runs jobs on {@value #THREADS} worker threads.
 */
public interface Contender extends AutoCloseable {

    int THREADS = 8;

    /** Builds the scheduler on {@code db} ({@code null} for in-memory contenders), stopped. */
    void open(Db db, Recorder recorder) throws Exception;

    /** Starts firing. */
    void start() throws Exception;

    /**
     * Stops firing but keeps the scheduler, its connections and its jobs, so that {@link #resume} fires again in the same
     * JVM and context: S1 measures each contender after a warm-up in the same context, as an application that has been
     * running for a while, and not one whose code the JIT compiles again because it was built anew.
     */
    default void pause() throws Exception {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot pause");
    }

    /** Fires again after {@link #pause}. */
    default void resume() throws Exception {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot resume");
    }

    /** Schedules one one-time job, due at {@code due}, through the scheduler's one-job API. Thread-safe. */
    void scheduleOneTime(String id, Instant due) throws Exception;

    /** Schedules one recurring job whose cron fires at every second divisible by {@code everySeconds} (≤ 60). */
    void scheduleCron(String id, int everySeconds) throws Exception;

    /**
     * The connection pool the scheduler uses on its database when it is not {@link Db#dataSource()} (which the peers
     * share), else null: after a phase the runner makes its connections report their statistics before it reads the
     * commit counter (see {@link Db#settleStatistics}).
     */
    default javax.sql.DataSource pool() {
        return null;
    }

    @Override
    void close() throws Exception;

    /** The seconds field of a cron firing every {@code everySeconds}: {@code 0} for once a minute. */
    static String secondsField(int everySeconds, String stepPrefix) {
        return everySeconds >= 60 ? "0" : stepPrefix + everySeconds;
    }
}
