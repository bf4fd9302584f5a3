package io.punctual.scheduler.engine;

import io.punctual.scheduler.ExecutionRecord;
import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.SchedulerState;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import io.punctual.scheduler.test.ManualScheduler;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A scheduler that is stopped (Spring's {@code context.stop()}, or a cached test context paused) fires nothing until it
 * is started again, and then fires as before; one that is closed never starts again, and says so.
 */
class StopAndStartTest {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");

    private final MutableClock clock = MutableClock.at(START);
    private final InMemoryJobStore store = new InMemoryJobStore();

    @Test
    void aStoppedSchedulerFiresNothingAndFiresAgainOnceStarted() {
        AtomicInteger runs = new AtomicInteger();
        try (ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).store(store))) {
            JobScheduler scheduler = manual.scheduler();
            scheduler.register(JobDefinition.of("tick", Schedule.fixedRate(Duration.ofSeconds(1))), ctx -> runs.incrementAndGet());
            manual.runDue();
            assertThat(runs).hasValue(1);

            scheduler.stop();
            assertThat(scheduler.info().state()).isEqualTo(SchedulerState.STOPPED);
            manual.advance(Duration.ofSeconds(5));
            assertThat(runs).as("nothing fires while stopped").hasValue(1);

            scheduler.start();
            assertThat(scheduler.info().state()).isEqualTo(SchedulerState.RUNNING);
            manual.runDue(); // the fires missed while stopped coalesce into one, as after a restart
            assertThat(runs).hasValue(2);
            manual.advance(Duration.ofSeconds(1));
            assertThat(runs).hasValue(3);
            assertThat(scheduler.job("tick").orElseThrow().nextFireTime()).isEqualTo(START.plusSeconds(7));
        }
    }

    @Test
    void aRunThatOutlastsTheAwaitAtStopIsInterruptedAndRetriedOnceStartedAgain() throws Exception {
        BlockingJob job = new BlockingJob();
        try (ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).store(store)
                .shutdownAwait(Duration.ofMillis(200)))) {
            JobScheduler scheduler = manual.scheduler();
            scheduler.register(JobDefinition.of("stuck", Schedule.at(START))
                    .withPolicy(JobPolicy.defaults().withRetries(1).withRetryBackoff(Duration.ofSeconds(5))), job);
            manual.tick();
            job.awaitStarted();

            scheduler.stop();

            assertThat(job.sawStopRequest).isTrue();
            assertThat(scheduler.info().runningOnThisNode()).isZero();
            assertThat(store.history("stuck", 5)).singleElement()
                    .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.INTERRUPTED));

            job.release.countDown(); // the retry returns at once
            scheduler.start();
            manual.advance(Duration.ofSeconds(6));

            assertThat(job.runs).hasValue(2);
            assertThat(store.history("stuck", 5)).extracting(ExecutionRecord::outcome, ExecutionRecord::attempt)
                    .containsExactly(tuple(Outcome.SUCCESS, 2), tuple(Outcome.INTERRUPTED, 1));
        }
    }

    @Test
    void aRunThatEndsWithinTheAwaitSeesTheSchedulerStoppingAndSucceeds() {
        AtomicReference<SchedulerState> seen = new AtomicReference<>();
        try (ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).store(store)
                .shutdownAwait(Duration.ofSeconds(20)))) {
            JobScheduler scheduler = manual.scheduler();
            scheduler.register(JobDefinition.of("finishing", Schedule.at(START)), ctx -> {
                while (scheduler.info().state() == SchedulerState.RUNNING) {
                    LockSupport.parkNanos(1_000_000); // parked, so tick() returns: the run waits for the stop
                }
                seen.set(scheduler.info().state());
            });
            manual.tick();

            scheduler.stop();

            assertThat(seen).hasValue(SchedulerState.STOPPING);
            assertThat(scheduler.info().state()).isEqualTo(SchedulerState.STOPPED);
            assertThat(store.history("finishing", 5)).singleElement()
                    .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS));
        }
    }

    @Test
    void jobsAndHandlersRegisteredBeforeTheStopStay() {
        AtomicInteger payloads = new AtomicInteger();
        try (ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).store(store))) {
            JobScheduler scheduler = manual.scheduler();
            scheduler.registerHandler("count", String.class, (ctx, payload) -> payloads.addAndGet(payload.length()));
            scheduler.schedule("dyn", "count", Schedule.at(START.plusSeconds(10)), "abc", null);

            scheduler.stop();
            scheduler.start();
            manual.advance(Duration.ofSeconds(10));

            assertThat(payloads).hasValue(3);
        }
    }

    @Test
    void aManualSchedulerStartedAgainIsStillDrivenByHand() {
        AtomicInteger runs = new AtomicInteger();
        try (ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).store(store))) {
            JobScheduler scheduler = manual.scheduler();
            scheduler.register(JobDefinition.of("now", Schedule.at(START)), ctx -> runs.incrementAndGet());
            scheduler.stop();
            Set<Thread> before = engineThreads();

            scheduler.start();

            assertThat(engineThreads()).as("no loop or heartbeat thread of its own").isSubsetOf(before);
            assertThat(runs).as("nothing runs until the test says so").hasValue(0);
            manual.runDue();
            assertThat(runs).hasValue(1);
        }
    }

    @Test
    void startAfterCloseThrowsNamingTheState() {
        ManualScheduler manual = ManualScheduler.create(JobScheduler.builder().clock(clock).store(store));
        manual.close();

        assertThatThrownBy(() -> manual.scheduler().start()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was closed").hasMessageContaining("cannot start again");
        assertThat(manual.scheduler().info().state()).isEqualTo(SchedulerState.CLOSED);
    }

    @Test
    void closeAfterStopIsQuietAndFinal() {
        JobScheduler scheduler = JobScheduler.builder().clock(clock).store(store).build();
        scheduler.start();
        scheduler.stop();

        scheduler.close();
        scheduler.close();
        scheduler.stop(); // closed: nothing happens

        assertThat(scheduler.info().state()).isEqualTo(SchedulerState.CLOSED);
        assertThatThrownBy(scheduler::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void theStateTellsEachStepOfTheLife() {
        try (JobScheduler scheduler = JobScheduler.builder().clock(clock).store(store).build()) {
            List<SchedulerState> states = new java.util.ArrayList<>();
            states.add(scheduler.info().state());
            scheduler.start();
            states.add(scheduler.info().state());
            scheduler.start(); // running: nothing happens
            states.add(scheduler.info().state());
            scheduler.stop();
            states.add(scheduler.info().state());
            scheduler.stop(); // stopped: nothing happens
            states.add(scheduler.info().state());
            scheduler.start();
            states.add(scheduler.info().state());
            scheduler.close();
            states.add(scheduler.info().state());

            assertThat(states).containsExactly(SchedulerState.CREATED, SchedulerState.RUNNING, SchedulerState.RUNNING,
                    SchedulerState.STOPPED, SchedulerState.STOPPED, SchedulerState.RUNNING, SchedulerState.CLOSED);
        }
    }

    /** The loop, the heartbeat and the engine's own worker pool end at a stop and are made afresh at the start. */
    @Test
    void onTheRealClockTheLoopFiresAgainOnFreshThreadsAfterARestart() {
        Set<String> workers = ConcurrentHashMap.newKeySet();
        AtomicInteger runs = new AtomicInteger();
        try (JobScheduler scheduler = JobScheduler.builder().threads(1).build()) {
            scheduler.register(JobDefinition.of("fast", Schedule.fixedRate(Duration.ofMillis(50))), ctx -> {
                workers.add(Thread.currentThread().getName());
                runs.incrementAndGet();
            });
            scheduler.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);

            scheduler.stop();
            int atStop = runs.get();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> runs.get() == atStop);

            scheduler.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= atStop + 3);
            assertThat(scheduler.info().state()).isEqualTo(SchedulerState.RUNNING);
            // one thread a pool: the first start's, then the restart's fresh pool's
            assertThat(workers).containsExactlyInAnyOrder("punctual-worker-1", "punctual-worker-2");
        }
    }

    /** The caller's executor is the caller's: a stop leaves it running, and the start after it uses it again. */
    @Test
    void onTheCallersExecutorAStopLeavesItUpAndTheStartUsesItAgain() {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        AtomicInteger runs = new AtomicInteger();
        try (JobScheduler scheduler = JobScheduler.builder().executor(executor).build()) {
            scheduler.register(JobDefinition.of("fast", Schedule.fixedRate(Duration.ofMillis(50))), ctx -> runs.incrementAndGet());
            scheduler.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 2);

            scheduler.stop();
            assertThat(executor.isShutdown()).isFalse();
            int atStop = runs.get();

            scheduler.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= atStop + 2);
        } finally {
            executor.shutdownNow();
        }
    }

    /** The loop and heartbeat threads alive in this JVM (other tests' schedulers' too: compared, never counted). */
    private static Set<Thread> engineThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().equals("punctual-scheduler") || t.getName().equals("punctual-heartbeat"))
                .collect(java.util.stream.Collectors.toSet());
    }
}
