package io.punctual.scheduler.test;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobSchedulerBuilder;
import io.punctual.scheduler.engine.ManualEngine;
import io.punctual.scheduler.engine.SchedulerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * A scheduler for tests that moves only when told: time comes from a {@link MutableClock}, and fires run
 * when the test calls {@link #runDue()} (everything due now, waiting for it to finish) or {@link #tick()}
 * (start what is due, and wait until it ended or blocks). Every operation returns only when the work it started
 * has been recorded or is blocked, so a test gives the same history every time. Jobs still run on worker threads, so timeouts and max-instances behave
 * as in production.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
 * try (ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).job(def, job))) {
 *     clock.advance(Duration.ofMinutes(5));
 *     manual.runDue();
 *     assertThat(manual.scheduler().history(def.id(), 10)).hasSize(1);
 * }
 * }</pre>
 */
public final class ManualScheduler implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_PASSES = 1_000_000;

    private final ManualEngine engine;
    private final MutableClock clock;

    private ManualScheduler(ManualEngine engine, MutableClock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** Builds and starts a manual scheduler; the builder's clock must be a {@link MutableClock}. */
    public static ManualScheduler create(JobSchedulerBuilder builder) {
        ManualEngine engine = SchedulerFactory.manual(builder.build());
        if (!(engine.clock() instanceof MutableClock clock)) {
            engine.close();
            throw new IllegalArgumentException("a ManualScheduler needs a MutableClock; set one with builder.clock(...)");
        }
        engine.start();
        return new ManualScheduler(engine, clock);
    }

    public JobScheduler scheduler() {
        return engine.scheduler();
    }

    public MutableClock clock() {
        return clock;
    }

    /**
     * Claims and starts what is due now and enforces timeouts; returns once every run it started has ended and been
     * recorded, or waits on something (a latch, a lock, a sleep), so the same test gives the same history every time.
     */
    public void tick() {
        engine.pass();
        engine.settle(TIMEOUT);
    }

    /** Runs everything due now, including retries and catch-up fires that become due now, and waits for it. */
    public void runDue() {
        for (int i = 0; i < MAX_PASSES; i++) {
            engine.pass();
            awaitIdle();
            if (!engine.hasDueWork(clock.instant())) {
                return;
            }
        }
        throw new IllegalStateException("still due work after " + MAX_PASSES + " passes at " + clock.instant());
    }

    /** Moves the clock by {@code amount} and runs what is due then. Fires in between run late, as after downtime. */
    public void advance(Duration amount) {
        clock.advance(amount);
        runDue();
    }

    /**
     * Moves the clock to each due time up to {@code target} in turn, running what is due at each, as if
     * time had passed with the scheduler up; then stops the clock at {@code target}.
     */
    public void runUntil(Instant target) {
        for (int i = 0; i < MAX_PASSES; i++) {
            Instant next = engine.nextDueTime().orElse(null);
            if (next == null || next.isAfter(target)) {
                break;
            }
            if (next.isAfter(clock.instant())) {
                clock.setInstant(next);
            }
            runDue();
        }
        clock.setInstant(target);
        runDue();
    }

    /** Waits until no run is in flight and every outcome is recorded. */
    public void awaitIdle() {
        if (!engine.awaitIdle(TIMEOUT)) {
            throw new IllegalStateException("runs still in flight after " + TIMEOUT);
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
