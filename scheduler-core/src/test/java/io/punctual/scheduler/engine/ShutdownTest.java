package io.punctual.scheduler.engine;

import io.punctual.scheduler.SchedulerState;
import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

class ShutdownTest {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");

    private final MutableClock clock = MutableClock.at(START);
    private final InMemoryJobStore store = new InMemoryJobStore();

    @Test
    void runThatFinishesWithinTheAwaitIsRecordedAsItEnded() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).store(store)
                .shutdownAwait(Duration.ofSeconds(20)));
        manual.scheduler().register(JobDefinition.of("finishing", Schedule.at(START)), ctx -> {
            started.countDown();
            while (!ctx.isStopRequested() && !Thread.currentThread().isInterrupted()) {
                // waits parked, not spinning: tick() returns once the run ends or waits, and a run that spins is
                // neither, so tick() waited for ManualScheduler's 30 s limit before close() was even called
                LockSupport.parkNanos(1_000_000);
                if (closingObserved(manual)) {
                    // finishes on its own, some time after shutdown has begun: only the await lets it (shutdown
                    // reaches the await after stopping its loop and housekeeping, which a run that returned at once
                    // would not need)
                    LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
                    if (Thread.currentThread().isInterrupted()) {
                        throw new IllegalStateException("interrupted before the shutdown await ran out");
                    }
                    return;
                }
            }
            throw new IllegalStateException("should have finished before being interrupted");
        });
        manual.tick();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        manual.close();

        assertThat(store.history("finishing", 5)).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS));
    }

    private static boolean closingObserved(ManualScheduler manual) {
        return manual.scheduler().info().state() != SchedulerState.RUNNING;
    }

    @Test
    void runStillGoingAfterTheAwaitIsInterruptedAndRecordedAsInterrupted() throws Exception {
        BlockingJob job = new BlockingJob();
        ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).store(store)
                .shutdownAwait(Duration.ofMillis(200)));
        manual.scheduler().register(JobDefinition.of("stuck", Schedule.at(START)), job);
        manual.tick();
        job.awaitStarted();

        manual.close();

        assertThat(job.sawStopRequest).isTrue();
        assertThat(store.history("stuck", 5)).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.INTERRUPTED));
        assertThat(manual.scheduler().info().state()).isEqualTo(SchedulerState.CLOSED);
    }

    @Test
    void interruptedRunIsRetriedLaterWhenRetriesRemain() throws Exception {
        BlockingJob job = new BlockingJob();
        ManualScheduler first = ManualScheduler.create(JobScheduler.builder().clock(clock).store(store)
                .shutdownAwait(Duration.ofMillis(100)));
        JobDefinition def = JobDefinition.of("resumable", Schedule.at(START))
                .withPolicy(JobPolicy.defaults().withRetries(1).withRetryBackoff(Duration.ofSeconds(5)));
        first.scheduler().register(def, job);
        first.tick();
        job.awaitStarted();
        first.close();

        AtomicInteger reruns = new AtomicInteger();
        try (ManualScheduler second = ManualScheduler.create(JobScheduler.builder().clock(clock).store(store))) {
            second.scheduler().register(def, ctx -> reruns.incrementAndGet());
            second.advance(Duration.ofSeconds(6));
        }

        assertThat(reruns).hasValue(1);
        assertThat(store.history("resumable", 5)).extracting(ExecutionRecord::outcome, ExecutionRecord::attempt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.SUCCESS, 2),
                        org.assertj.core.groups.Tuple.tuple(Outcome.INTERRUPTED, 1));
    }

    @Test
    void noNewFireStartsAfterClose() {
        AtomicInteger runs = new AtomicInteger();
        ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).store(store));
        manual.scheduler().register(JobDefinition.of("tick", Schedule.fixedRate(Duration.ofSeconds(1))), ctx -> runs.incrementAndGet());
        manual.runDue();

        manual.close();
        clock.advance(Duration.ofSeconds(5));
        manual.tick();

        assertThat(runs).hasValue(1);
    }

    /**
     * The heartbeat runs on a thread of its own; a heartbeat under way when the scheduler stops must end before stop
     * returns. Otherwise it reaches the store after the application has closed it (seen as an ERROR "store
     * unreachable: Session/EntityManager is closed" logged after "Punctual stopped").
     */
    @Test
    void stopWaitsForAHeartbeatUnderWay() throws Exception {
        CountDownLatch inHeartbeat = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean heartbeatEnded = new java.util.concurrent.atomic.AtomicBoolean();
        io.punctual.scheduler.store.JobStore shared = (io.punctual.scheduler.store.JobStore) java.lang.reflect.Proxy.newProxyInstance(
                io.punctual.scheduler.store.JobStore.class.getClassLoader(), new Class<?>[]{io.punctual.scheduler.store.JobStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("heartbeat") && inHeartbeat.getCount() > 0) {
                        inHeartbeat.countDown();
                        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                        while (System.nanoTime() < end) { // a database call: an interrupt does not cut it short
                            Thread.onSpinWait();
                        }
                        heartbeatEnded.set(true);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        JobScheduler scheduler = JobScheduler.builder().store(shared).build();
        scheduler.start();
        assertThat(inHeartbeat.await(10, TimeUnit.SECONDS)).isTrue();

        scheduler.close();

        assertThat(heartbeatEnded).isTrue();
    }
}
