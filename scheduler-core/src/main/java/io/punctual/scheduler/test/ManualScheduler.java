package io.punctual.scheduler.test;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobSchedulerBuilder;
import io.punctual.scheduler.engine.DefaultJobScheduler;
import io.punctual.scheduler.engine.SchedulerEngine;

import java.time.Duration;
import java.time.Instant;

/**
 * A scheduler for tests that moves only when told: time comes from a {@link MutableClock}, and fires run
 * when the test calls {@link #runDue()} (everything due now, waiting for it to finish) or {@link #tick()}
 * (start what is due, do not wait). Jobs still run on worker threads, so timeouts and max-instances behave
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

    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_PASSES = 10_000;

    private final DefaultJobScheduler scheduler;
    private final SchedulerEngine engine;
    private final MutableClock clock;

    private ManualScheduler(DefaultJobScheduler scheduler, MutableClock clock) {
        this.scheduler = scheduler;
        this.engine = scheduler.engine();
        this.clock = clock;
    }

    /** Builds and starts a manual scheduler; the builder's clock must be a {@link MutableClock}. */
    public static ManualScheduler create(JobSchedulerBuilder builder) {
        if (!(builder.clock() instanceof MutableClock clock)) {
            throw new IllegalArgumentException("a ManualScheduler needs a MutableClock; set one with builder.clock(...)");
        }
        DefaultJobScheduler scheduler = (DefaultJobScheduler) builder.build();
        scheduler.engine().start(false);
        return new ManualScheduler(scheduler, clock);
    }

    public JobScheduler scheduler() {
        return scheduler;
    }

    public MutableClock clock() {
        return clock;
    }

    /** Claims and starts what is due now and enforces timeouts, without waiting for runs to finish. */
    public void tick() {
        engine.tick();
    }

    /** Runs everything due now, including retries and catch-up fires that become due now, and waits for it. */
    public void runDue() {
        for (int i = 0; i < MAX_PASSES; i++) {
            engine.tick();
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
        for (int i = 0; i < MAX_PASSES * 100; i++) {
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

    /** Waits until no run is in flight. */
    public void awaitIdle() {
        if (!engine.awaitIdle(IDLE_TIMEOUT)) {
            throw new IllegalStateException("runs still in flight after " + IDLE_TIMEOUT);
        }
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
