package io.punctual.scheduler.engine;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.PayloadCodec;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import io.punctual.scheduler.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While a node drains a backlog from a database, a worker may write a batch of outcomes for every worker (see
 * {@link StoreLane#complete}). That writing is not a run of its own: it must neither keep the engine claiming in a loop
 * while it lasts, nor make the queue take every run for as long as that write.
 */
class WorkerWritingOutcomesTest {

    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");

    private final InMemoryJobStore real = new InMemoryJobStore();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final JobRegistry registry = new JobRegistry(PayloadCodec.strings());
    private final Listeners listeners = new Listeners(List.of());
    private final AtomicInteger claims = new AtomicInteger();
    private final CountDownLatch writeGoesOn = new CountDownLatch(1);

    @AfterEach
    void stop() {
        writeGoesOn.countDown();
        pool.shutdownNow();
    }

    /**
     * The memory store, counting claims; {@code remote} says whether the engine takes it for a database. Writing
     * outcomes takes until {@link #writeGoesOn} opens when {@code blockWrites}, else {@code writeMillis}.
     */
    private JobStore store(boolean remote, boolean blockWrites, long writeMillis) {
        return (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[]{JobStore.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "remote" -> {
                            return remote;
                        }
                        case "completeAndClaim", "claimDue" -> claims.incrementAndGet();
                        case "completeAll" -> {
                            if (blockWrites) {
                                writeGoesOn.await(30, TimeUnit.SECONDS);
                            } else {
                                Thread.sleep(writeMillis); // a slow database, not a timing under test
                            }
                        }
                        default -> { }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** @param realTime the real clock (a queue sized by run times), else a test's (the queue is its capacity) */
    private static EngineSettings settings(int workers, int queueCapacity, boolean realTime) {
        return new EngineSettings("node-a", Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofDays(1), workers, queueCapacity, realTime, realTime);
    }

    private RunExecutor runs(Clock clock, EngineSettings settings) {
        return new RunExecutor(clock, pool, settings.slots(), registry, listeners, new Random(1), "node-a", () -> { }, () -> { });
    }

    private Fire claimed(String id) {
        real.save(JobDefinition.of(id, Schedule.at(START)), START);
        return real.claimDue(START, 1, "node-a").fires().get(0);
    }

    private static Completion succeeded(Fire fire) {
        return new Completion(fire, Outcome.SUCCESS, START, START, "node-a", null, null, null, null);
    }

    @Test
    void whileAWorkerWritesOutcomesThePassDoesNotClaimAgainForTheOnesQueuedMeanwhile() throws Exception {
        MutableClock clock = MutableClock.at(START);
        EngineSettings settings = settings(2, 0, false);
        StoreLane lane = new StoreLane(store(true, true, 0), clock, settings, listeners, () -> { });
        RunExecutor runs = runs(clock, settings);
        Fire first = claimed("first");
        Fire second = claimed("second");

        lane.outcomes.add(succeeded(first));
        Thread worker = new Thread(lane.outcomes::writeIfIdle, "worker-writing");
        worker.start(); // writes the first outcome, and holds the writer until writeGoesOn opens
        await().atMost(Duration.ofSeconds(10)).until(lane.outcomes::writing);
        lane.outcomes.add(succeeded(second)); // a run ends meanwhile: its outcome waits for that writer

        int before = claims.get();
        Instant next = lane.pass(runs, true, false, false);

        assertThat(claims.get() - before).as("claims made by the pass").isEqualTo(1);
        assertThat(next).as("nothing due, and the queued outcome is that writer's: look again when woken").isNull();

        writeGoesOn.countDown();
        worker.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(lane.outcomes.size()).as("outcomes left queued").isZero();
        assertThat(real.history("second", 5)).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS));
    }

    @Test
    void theTimeAWorkerSpendsWritingOutcomesDoesNotShrinkTheQueue() {
        Clock clock = Clock.systemUTC();
        // one thread and room for one queued fire: a run of less than 20 ms keeps it (even the first, which loads
        // classes); a run of 300 ms would leave none
        EngineSettings settings = settings(1, 1, true);
        // a store in this process: the worker writes its run's outcome at once, here in 300 ms
        StoreLane lane = new StoreLane(store(false, false, 300), clock, settings, listeners, () -> { });
        RunExecutor runs = runs(clock, settings);
        Fire fire = claimed("quick");
        registry.putJob("quick", ctx -> { });

        runs.dispatch(fire, lane);
        await().atMost(Duration.ofSeconds(10)).until(() -> runs.inFlightCount() == 0);

        assertThat(real.history("quick", 5)).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS));
        assertThat(runs.capacity()).as("slots after a quick run whose outcome took 300 ms to write").isEqualTo(2);
    }
}
