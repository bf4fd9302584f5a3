package io.punctual.scheduler.engine;

import io.punctual.scheduler.JobScheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Internal, not API: the handle {@link io.punctual.scheduler.test.ManualScheduler} drives an engine by, with no
 * loop thread. Use {@code ManualScheduler} instead.
 */
public interface ManualEngine extends AutoCloseable {

    JobScheduler scheduler();

    /** The clock the engine reads. */
    Clock clock();

    /** Marks the engine running, with no loop thread: it moves only when told to. */
    void start();

    /** One pass: writes outcomes, claims and starts what is due, enforces timeouts. */
    void pass();

    /** Waits until every run in flight has ended or waits on something, and writes the outcomes of those that ended. */
    void settle(Duration timeout);

    /** Waits until no run is in flight and every outcome is written; false when {@code timeout} passed first. */
    boolean awaitIdle(Duration timeout);

    Optional<Instant> nextDueTime();

    boolean hasDueWork(Instant now);

    @Override
    void close();
}
